import type { Migration } from '@novbe/store';

/**
 * Ticket ids a kiosk cancelled before the server ever saw them (its online request timed out
 * and it printed offline instead). A late-arriving request with such an id is refused, so no
 * phantom ticket appears in the queue.
 */
export const migration: Migration = {
  version: 80,
  name: 'cancelled-ids',
  up(db) {
    db.exec(
      'CREATE TABLE cancelled_ids (id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, at INTEGER NOT NULL) STRICT',
    );
  },
};
