import type { Migration } from '@novbe/store';

/** Paired devices and one-time pairing codes; only hashes of codes and tokens are stored. */
export const migration: Migration = {
  version: 30,
  name: 'devices',
  up(db) {
    db.exec(`
      CREATE TABLE pairing_codes (
        code_hash TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        name TEXT NOT NULL,
        hall_ids TEXT,
        counter_id TEXT,
        created_by TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      ) STRICT;
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        name TEXT NOT NULL,
        hall_ids TEXT,
        counter_id TEXT,
        kiosk_number INTEGER,
        token_hash TEXT NOT NULL UNIQUE,
        paired_at INTEGER NOT NULL,
        revoked_at INTEGER,
        last_seen_at INTEGER
      ) STRICT;
    `);
  },
};
