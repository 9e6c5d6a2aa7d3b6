import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface OpenOptions {
  readonly readonly?: boolean;
  /** ms to wait on a lock held by another connection before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens a database file the way every Növbə process uses it: WAL, so readers (statistics,
 * exports) never block the writer; `synchronous = FULL`, so a transaction is on disk before
 * its commit returns — a ticket the citizen was told about survives a power cut, at the cost
 * of one fsync per commit, which a queue's write rate affords; foreign keys on.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false });
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  return db;
}
