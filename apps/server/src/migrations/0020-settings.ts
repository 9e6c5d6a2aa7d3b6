import type { Migration } from '@novbe/store';

/** Key–value settings: the center configuration, generated secrets. */
export const migration: Migration = {
  version: 20,
  name: 'settings',
  up(db) {
    db.exec(`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`);
  },
};
