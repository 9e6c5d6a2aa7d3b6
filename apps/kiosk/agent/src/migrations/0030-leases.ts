import type { Migration } from '@novbe/store';

/**
 * Offline numbering. `leases`: blocks the server reserved for this kiosk, with the next unused
 * number of each (core's `LeasePool` cursors). `fallback_sequences`: the kiosk's own `K<n>`
 * daily sequence, used when a service's block is spent; one sequence for all services, since
 * the number alone must be unique in the center for the day.
 */
export const migration: Migration = {
  version: 30,
  name: 'leases',
  up(db) {
    db.exec(`
      CREATE TABLE leases (
        id TEXT PRIMARY KEY,
        prefix TEXT NOT NULL,
        day TEXT NOT NULL,
        first INTEGER NOT NULL,
        last INTEGER NOT NULL CHECK (last >= first),
        next_seq INTEGER NOT NULL,
        granted_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX leases_byDayPrefix ON leases (day, prefix);
      CREATE TABLE fallback_sequences (
        day TEXT NOT NULL,
        prefix TEXT NOT NULL,
        next_seq INTEGER NOT NULL,
        PRIMARY KEY (day, prefix)
      ) STRICT;
    `);
  },
};
