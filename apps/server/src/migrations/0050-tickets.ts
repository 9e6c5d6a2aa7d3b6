import type { Migration } from '@novbe/store';

/** The tickets projection: one row per ticket, kept in step with the event log. */
export const migration: Migration = {
  version: 50,
  name: 'tickets',
  up(db) {
    db.exec(`
      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL,
        day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        hall_id TEXT NOT NULL,
        language TEXT NOT NULL,
        priority TEXT NOT NULL,
        status TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        appointment_at INTEGER,
        first_called_at INTEGER,
        counter_id TEXT,
        ended_at INTEGER,
        kiosk_id TEXT,
        offline INTEGER NOT NULL,
        issued_seq INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX tickets_byDayNumber ON tickets (day, number);
      CREATE INDEX tickets_byDayService ON tickets (day, service_id, status);
    `);
  },
};
