import { closeSync, fdatasync, fdatasyncSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './database';

/** Flushes a file's data to the disk; `fs.fdatasync` runs it on libuv's thread pool. */
export type SyncFile = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;

/** The disk refused to confirm a write: what was written since the last good sync may be lost. */
export class SyncFailedError extends Error {
  override name = 'SyncFailedError';
  constructor(override readonly cause: unknown) {
    super(`the disk did not confirm the write: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

interface Waiter {
  /** `total_changes()` right after the caller's commit. */
  readonly wanted: number;
  readonly resolve: () => void;
  readonly reject: (e: Error) => void;
}

/**
 * Group commit for a WAL database on a server's single thread.
 *
 * With `synchronous = FULL` every commit fsyncs the WAL on the event loop, so one slow fsync
 * stalls every request queued behind it. `GroupSync` puts the connection in
 * `synchronous = NORMAL` (a commit only writes its WAL frames) and makes durability explicit:
 * `flush()` fdatasyncs the WAL file off the event loop and resolves once everything committed
 * before the call is on the disk; commits made while a sync runs share the next one. An answer
 * or event sent only after `flush()` resolves survives a power cut, as under FULL: the WAL
 * frames of the committed transaction are on the disk, and SQLite's recovery replays them.
 * (Checkpoints under NORMAL sync the WAL before and the database file after copying.) Flushes
 * resolve in the order they were asked for.
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
  /** `total_changes()` known to be on the disk, and covered by the sync in flight. */
  #synced: number;
  #inFlight: number | null = null;
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
    this.#syncFile = options.syncFile ?? fdatasync;
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
    const wanted = this.#changes();
    if (wanted <= this.#synced) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ wanted, resolve, reject }));
    if (this.#inFlight === null) this.#sync();
    return done;
  }

  /** Syncs everything committed so far; when it is done, the next sync serves who waits since. */
  #sync(): void {
    const covers = this.#changes();
    this.#inFlight = covers;
    this.syncs++;
    const finish = (error: unknown) => {
      this.#inFlight = null;
      if (error) return this.#fail(error);
      this.#synced = covers;
      while (this.#waiters.length && this.#waiters[0]!.wanted <= covers) this.#waiters.shift()!.resolve();
      if (this.#waiters.length) this.#sync();
    };
    try {
      this.#syncFile(this.#walFd(), finish);
    } catch (e) {
      queueMicrotask(() => finish(e));
    }
  }

  #fail(error: unknown): void {
    this.#failed ??= new SyncFailedError(error);
    for (const waiter of this.#waiters.splice(0)) waiter.reject(this.#failed);
    this.#onFailure(this.#failed);
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
