import type { Migration } from '@novbe/store';

/** The last status a device reported with its heartbeat (printer, link, outbox). */
export const migration: Migration = {
  version: 70,
  name: 'device-status',
  up(db) {
    db.exec('ALTER TABLE devices ADD COLUMN status TEXT');
  },
};
