import { decodeStoredEvent, EVENT_VERSION, type CenterEvent, type EventBody } from '@novbe/protocol';
import { EventLog, type ChainCheck, type Db, type StoredEvent } from '@novbe/store';
import { reasonOf, type QuarantinedEvent } from './quarantine';

/** A row of the log read back: the event, or why it cannot be read. */
export type LogEntry =
  | { readonly event: CenterEvent; readonly failure?: undefined }
  | { readonly event?: undefined; readonly failure: QuarantinedEvent };

/**
 * The center's event log, read and written as events: written in the current `EVENT_VERSION`,
 * every row read back through `decodeStoredEvent` (older versions upcast, each one checked).
 * A row that does not decode is never a reason to stop: readers skip it (the replay keeps it
 * aside), and `onUnreadable` hears of it.
 */
export class CenterLog {
  readonly #log: EventLog;

  readonly #onUnreadable: (failure: QuarantinedEvent) => void;

  constructor(
    db: Db,
    options: {
      /** Every appended event carries its keyed MAC under it (the audit trail's key). */
      readonly macKey?: Uint8Array;
      /** Hears of each row that does not decode as it is read. */
      readonly onUnreadable?: (failure: QuarantinedEvent) => void;
    } = {},
  ) {
    this.#log = new EventLog(db, { macKey: options.macKey });
    this.#onUnreadable = options.onUnreadable ?? (() => undefined);
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

  /** Events after `seq`, oldest first, at most `limit` rows read (unreadable ones skipped). */
  after(seq: number, limit: number): CenterEvent[] {
    return this.#log.since(seq, limit).flatMap((row) => this.#decode(row).event ?? []);
  }

  /** Every event from the first one at or after `at`, oldest first (unreadable ones skipped). */
  *from(at: number): IterableIterator<CenterEvent> {
    for (const entry of this.entriesFrom(at)) if (entry.event) yield entry.event;
  }

  /** Every row from the first one at or after `at`, oldest first, read in pages. */
  *entriesFrom(at: number): IterableIterator<LogEntry> {
    const first = this.#log.firstSeqAt(at);
    if (first === null) return;
    for (const row of this.#log.all(first - 1)) yield this.#decode(row);
  }

  #decode(row: StoredEvent): LogEntry {
    try {
      return { event: decodeStoredEvent(row) };
    } catch (e) {
      const failure = { seq: row.seq, type: row.type, at: row.at, reason: reasonOf(e) };
      this.#onUnreadable(failure);
      return { failure };
    }
  }
}
