import type { Migration } from '@novbe/store';

/**
 * Every ticket this kiosk handed to its printer, online or offline. `state` follows the print:
 * `committed` before the printer is asked (so a crash mid-print is found at the next start),
 * `printed` once the printer confirmed, `void` when it refused (the number is spent, never
 * reused), `uncertain` when the agent stopped mid-print and cannot know.
 */
export const migration: Migration = {
  version: 10,
  name: 'tickets',
  up(db) {
    db.exec(`
      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL,
        day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('az', 'ru', 'en')),
        mode TEXT NOT NULL CHECK (mode IN ('online', 'offline')),
        state TEXT NOT NULL CHECK (state IN ('committed', 'printed', 'void', 'uncertain')),
        issued_at INTEGER NOT NULL,
        priority_reason TEXT,
        lease_id TEXT,
        people_ahead INTEGER,
        printed_at INTEGER,
        void_reason TEXT,
        synced_at INTEGER
      ) STRICT;
      -- A number is handed out once a day, whatever happened to its ticket.
      CREATE UNIQUE INDEX tickets_byDayNumber ON tickets (day, number);
      CREATE INDEX tickets_byServiceIssuedAt ON tickets (service_id, issued_at);
    `);
  },
};
