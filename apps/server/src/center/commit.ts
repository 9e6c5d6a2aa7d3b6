import type { CenterEvent, EventBody } from '@novbe/protocol';
import type { Db } from '@novbe/store';
import type { CenterLog } from './center-log';
import { StorageError } from './errors';

/** What the rest of the center does with each commit. */
export interface CommitHooks {
  /** Inside the transaction, for each event: projections that commit (or fail) with it. */
  project(e: CenterEvent): void;
  /** After the transaction, for each event: what memory keeps beside the queue. */
  track(e: CenterEvent): void;
  /** After a failed transaction: memory, which ran ahead, is rebuilt from the log. */
  recover(now: number): void;
}

/**
 * Commits events with their projections in one transaction, and tells listeners of them once
 * the commit is on the disk, in commit order.
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
   * Commits events (and `alsoInTransaction`, e.g. a device row) in one transaction, projects
   * them, and tells listeners once the commit is on the disk. On a storage failure memory is
   * rebuilt from the log.
   */
  commit(bodies: EventBody[], now: number, alsoInTransaction?: () => void): CenterEvent[] {
    let events: CenterEvent[];
    try {
      events = this.db
        .transaction(() => {
          const appended = this.log.append(bodies, now);
          for (const e of appended) this.hooks.project(e);
          alsoInTransaction?.();
          return appended;
        })
        .immediate();
    } catch (e) {
      this.hooks.recover(now);
      throw new StorageError(e);
    }
    for (const e of events) this.hooks.track(e);
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
