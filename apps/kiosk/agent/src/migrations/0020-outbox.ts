import type { Migration } from '@novbe/store';

/**
 * What the server must still hear from this kiosk: `sync` rows carry an offline ticket (the
 * `OfflineTicket` JSON, exactly as it will be posted, so a retry sends the same bytes); `cancel`
 * rows name a ticket the server numbered but the citizen never got (the printer refused it, or
 * the answer came too late). A row leaves the table when the server has acknowledged it;
 * a sync the server rejected stays, with its reason, for the technician.
 */
export const migration: Migration = {
  version: 20,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        ticket_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('sync', 'cancel')),
        payload TEXT,
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        rejected_reason TEXT,
        PRIMARY KEY (ticket_id, kind)
      ) STRICT;
      CREATE INDEX outbox_byKindCreatedAt ON outbox (kind, created_at);
    `);
  },
};
