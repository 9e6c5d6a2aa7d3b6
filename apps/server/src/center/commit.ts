import type { CenterEvent, EventBody } from '@novbe/protocol';
import type { Db } from '@novbe/store';
import type { CenterLog } from './center-log';
import { StorageError } from './errors';

/** What the rest of the center does with each commit. */
export interface CommitHooks {
  /**
   * Inside the transaction, for each event: memory moves on by it, then the projections that
   * commit (or fail) with it. Throwing rolls the whole commit back.
   */
  apply(e: CenterEvent): void;
  /** After a failed transaction: memory, which may have moved on by some of it, is rebuilt from the log. */
  recover(now: number): void;
}

/**
 * Commits events with their projections in one transaction, and tells listeners of them once
 * the commit is on the disk, in commit order. Memory moves on inside the transaction, by the
 * very events written; whatever fails before the transaction ends (the disk, a projection, an
 * event that does not fit, the caller's own part) rolls it back and rebuilds memory from the
 * log, so memory is never ahead of the disk.
 */
export class EventCommitter {
  readonly #listeners = new Set<(events: CenterEvent[]) => void>();
  /** Settles when the last commit is on the disk and told to listeners (commits settle in order). */
  #lastPublication: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly log: CenterLog,
    /** Resolves once every commit so far is on the disk (a `GroupSync`). */
    private readonly durable: { flush(): Promise<void> },
    private readonly hooks: CommitHooks,
  ) {}

  /**
   * Commits events (and `alsoInTransaction`, e.g. a device row, which may also read memory as
   * the events left it) in one transaction, and tells listeners once the commit is on the
   * disk. A storage failure is a `StorageError`; any other failure is thrown as it is.
   */
  commit(bodies: EventBody[], now: number, alsoInTransaction?: () => void): CenterEvent[] {
    let events: CenterEvent[];
    try {
      events = this.db
        .transaction(() => {
          const appended = this.log.append(bodies, now);
          for (const e of appended) this.hooks.apply(e);
          alsoInTransaction?.();
          return appended;
        })
        .immediate();
    } catch (e) {
      this.hooks.recover(now);
      throw isStorageError(e) ? new StorageError(e) : e;
    }
    this.#lastPublication = this.durable.flush().then(
      () => {
        for (const listener of this.#listeners) listener(events);
      },
      // The disk failed to confirm: nobody hears of these; the server reports the failure.
      () => undefined,
    );
    return events;
  }

  /** Subscribes to committed events (the live stream), told once they are on the disk, in order. */
  onEvents(listener: (events: CenterEvent[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Resolves when every committed event has been told to listeners: from then until the next
   * await, memory, the log and what listeners heard agree (a stream starts there).
   */
  async published(): Promise<void> {
    let last: Promise<void>;
    do {
      last = this.#lastPublication;
      await last;
    } while (last !== this.#lastPublication);
  }
}

/** SQLite's own errors (busy, full, I/O, constraint): the storage refused the write. */
function isStorageError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}
