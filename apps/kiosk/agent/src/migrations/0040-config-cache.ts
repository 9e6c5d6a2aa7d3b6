import type { Migration } from '@novbe/store';

/** The center configuration as last fetched from the server, so the kiosk starts and issues offline. */
export const migration: Migration = {
  version: 40,
  name: 'config-cache',
  up(db) {
    db.exec(`
      CREATE TABLE config_cache (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        fetched_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
