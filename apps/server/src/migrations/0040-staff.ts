import type { Migration } from '@novbe/store';

/** Staff passwords (scrypt) and sessions (hashed tokens). */
export const migration: Migration = {
  version: 40,
  name: 'staff',
  up(db) {
    db.exec(`
      CREATE TABLE staff_credentials (
        staff_id TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE staff_sessions (
        token_hash TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      ) STRICT;
    `);
  },
};
