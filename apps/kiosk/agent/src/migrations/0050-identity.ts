import type { Migration } from '@novbe/store';

/**
 * Who this kiosk is to the server: the device token from pairing (the server keeps only its
 * hash, so this is the one copy), the device id and name, and the server it was paired with.
 */
export const migration: Migration = {
  version: 50,
  name: 'identity',
  up(db) {
    db.exec(`
      CREATE TABLE identity (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
