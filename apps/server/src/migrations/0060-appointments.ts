import type { Migration } from '@novbe/store';

/** Booked appointments. The FIN is kept only as a keyed hash (HMAC), never in clear. */
export const migration: Migration = {
  version: 60,
  name: 'appointments',
  up(db) {
    db.exec(`
      CREATE TABLE appointments (
        id TEXT PRIMARY KEY,
        service_id TEXT NOT NULL,
        slot_at INTEGER NOT NULL,
        fin_hash TEXT NOT NULL,
        status TEXT NOT NULL,
        booked_at INTEGER NOT NULL,
        booked_by TEXT NOT NULL,
        ticket_id TEXT
      ) STRICT;
      CREATE INDEX appointments_byFinSlot ON appointments (fin_hash, slot_at);
      CREATE INDEX appointments_byServiceSlot ON appointments (service_id, slot_at);
      CREATE INDEX appointments_byStatusSlot ON appointments (status, slot_at);
    `);
  },
};
