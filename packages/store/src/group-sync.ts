import { closeSync, fdatasyncSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './database';

/** Flushes a file's data to the disk, blocking (`fs.fdatasyncSync`); throws if the disk refuses. */
export type SyncFile = (fd: number) => void;

/** The disk refused to confirm a write: what was written since the last good sync may be lost. */
export class SyncFailedError extends Error {
  override name = 'SyncFailedError';
  constructor(override readonly cause: unknown) {
    super(`the disk did not confirm the write: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (e: Error) => void;
}

/**
 * Group commit for a WAL database on a server's single thread.
 *
 * With `synchronous = FULL` every commit fsyncs the WAL inside the commit: one sync per
 * request. `GroupSync` puts the connection in `synchronous = NORMAL` (a commit only writes its
 * WAL frames) and makes durability explicit: `flush()` resolves once everything committed
 * before the call is on the disk. The sync runs once per turn of the event loop, in its check
 * phase (`setImmediate`): by then every request that arrived together has been handled and
 * committed, and one fdatasync of the WAL covers them all. An answer or event sent only after
 * `flush()` resolves survives a power cut, as under FULL: the WAL frames of the committed
 * transaction are on the disk, and SQLite's recovery replays them. (Checkpoints under NORMAL
 * sync the WAL before and the database file after copying.) Flushes resolve in the order they
 * were asked for.
 *
 * The sync blocks the event loop for its duration (0.3 ms typical on the benchmark's disk).
 * Running it on libuv's thread pool instead lets reads go on meanwhile, but costs two thread
 * hand-offs per commit, which on a small appliance (the benchmark's 2 cores, the server on
 * one) cost more at the 99th percentile than the sync they hide, and serve fewer commits per
 * sync. The long writes, checkpoints, run in a worker thread (`Checkpointer`).
 *
 * A failed sync is final (the kernel may have dropped the pages it could not write): pending
 * and later flushes fail with the same error, and `failure` resolves so that the process can
 * restart and recover from what the disk really holds.
 */
export class GroupSync {
  readonly #walPath: string;
  readonly #syncFile: SyncFile;
  readonly #totalChanges;
  #fd: number | null = null;
  /** `total_changes()` known to be on the disk. */
  #synced: number;
  #scheduled = false;
  readonly #waiters: Waiter[] = [];
  #failed: SyncFailedError | null = null;
  #onFailure!: (error: SyncFailedError) => void;
  /** Resolves if a sync ever fails. */
  readonly failure = new Promise<SyncFailedError>((resolve) => (this.#onFailure = resolve));
  /** How many syncs ran: flushes per sync tells how much grouping happened. */
  syncs = 0;

  constructor(db: Db, options: { syncFile?: SyncFile } = {}) {
    if (db.pragma('journal_mode', { simple: true }) !== 'wal')
      throw new Error('GroupSync needs a WAL database');
    this.#walPath = `${db.name}-wal`;
    this.#syncFile = options.syncFile ?? fdatasyncSync;
    this.#totalChanges = db.prepare('SELECT total_changes()').pluck();
    // What was written before (migrations, under FULL) is on the disk already.
    db.pragma('synchronous = NORMAL');
    this.#synced = this.#changes();
  }

  /** Rows changed through this connection since it opened. */
  #changes(): number {
    return this.#totalChanges.get() as number;
  }

  /** Resolves once everything committed before this call is on the disk. */
  flush(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    if (this.#changes() <= this.#synced) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#sync());
    }
    return done;
  }

  /** Syncs everything committed so far, which covers every waiter. */
  #sync(): void {
    this.#scheduled = false;
    const covers = this.#changes();
    this.syncs++;
    try {
      this.#syncFile(this.#walFd());
    } catch (error) {
      this.#failed ??= new SyncFailedError(error);
      for (const waiter of this.#waiters.splice(0)) waiter.reject(this.#failed);
      this.#onFailure(this.#failed);
      return;
    }
    this.#synced = covers;
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
  }

  /** The WAL file stays while this connection is open; its directory entry is synced once. */
  #walFd(): number {
    if (this.#fd === null) {
      const fd = openSync(this.#walPath, 'r');
      fdatasyncSync(fd);
      const dir = openSync(dirname(this.#walPath), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
      this.#fd = fd;
    }
    return this.#fd;
  }

  /** Closes the WAL file handle; call after the last flush. */
  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}
