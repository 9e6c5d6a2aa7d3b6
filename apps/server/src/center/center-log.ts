import { decodeStoredEvent, EVENT_VERSION, type CenterEvent, type EventBody } from '@novbe/protocol';
import { EventLog, type ChainCheck, type Db } from '@novbe/store';

/**
 * The center's event log, read and written as events: written in the current `EVENT_VERSION`,
 * every row read back through `decodeStoredEvent` (older versions upcast, each one checked).
 */
export class CenterLog {
  readonly #log: EventLog;

  /** With `macKey`, every appended event carries its keyed MAC (the audit trail's key). */
  constructor(db: Db, macKey?: Uint8Array) {
    this.#log = new EventLog(db, { macKey });
  }

  /** Appends events, all at `at`; call inside a transaction. */
  append(bodies: readonly EventBody[], at: number): CenterEvent[] {
    return this.#log
      .append(bodies.map((body) => ({ at, type: body.type, version: EVENT_VERSION, payload: body })))
      .map(decodeStoredEvent);
  }

  /** The last event's sequence number, 0 for an empty log. */
  lastSeq(): number {
    return this.#log.lastSeq();
  }

  /** The first event at or after an instant, or null. */
  firstSeqAt(at: number): number | null {
    return this.#log.firstSeqAt(at);
  }

  /** Recomputes the whole hash chain. */
  verify(): ChainCheck {
    return this.#log.verify();
  }

  /** Events after `seq`, oldest first, at most `limit`. */
  after(seq: number, limit: number): CenterEvent[] {
    return this.#log.since(seq, limit).map(decodeStoredEvent);
  }

  /** Every event from the first one at or after `at`, oldest first, read in pages. */
  *from(at: number): IterableIterator<CenterEvent> {
    const first = this.#log.firstSeqAt(at);
    if (first === null) return;
    for (const row of this.#log.all(first - 1)) yield decodeStoredEvent(row);
  }
}
