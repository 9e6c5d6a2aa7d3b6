import type { Db } from './database';
import {
  APPEND_ONLY_TRIGGERS,
  checkChain,
  eventHash,
  eventMac,
  GENESIS_HASH,
  type ChainCheck,
  type ChainOptions,
} from './event-chain';

/** An event as the log stores it. `payload` is JSON text, hashed exactly as stored. */
export interface StoredEvent {
  readonly seq: number;
  /** ms since the epoch. */
  readonly at: number;
  readonly type: string;
  /** The schema version the payload was written in (1 for rows older than versions). */
  readonly version: number;
  readonly payload: string;
  readonly prevHash: string;
  readonly hash: string;
  /** The keyed MAC of the row (`eventMac`); null for rows written without a key. */
  readonly mac: string | null;
}

export interface NewEvent {
  readonly at: number;
  readonly type: string;
  /** The schema version of `payload`, a positive integer: readers upcast older ones. */
  readonly version: number;
  readonly payload: unknown;
}

/**
 * The schema of the event log as it began; apps include it in their migration registry,
 * followed by `addEventVersions`.
 */
export function createEventLogTables(db: Db): void {
  db.exec(`
    CREATE TABLE events (
      seq INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      type TEXT NOT NULL,
      payload TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX events_byAt ON events (at);
    CREATE INDEX events_byTypeAt ON events (type, at);
    -- Append-only: the database itself refuses edits and deletions.
    ${Object.values(APPEND_ONLY_TRIGGERS).join(';\n    ')};
  `);
}

/**
 * Gives each event its schema version: rows already written were version 1. A later step of
 * an app's migration registry than `createEventLogTables`.
 */
export function addEventVersions(db: Db): void {
  db.exec('ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1');
}

/**
 * Gives each event a keyed MAC (`eventMac`): null for the rows written before, which keep their
 * plain hash. A later step of an app's migration registry than `addEventVersions`.
 */
export function addEventMacs(db: Db): void {
  db.exec('ALTER TABLE events ADD COLUMN mac TEXT');
}

/** The last event's position in the chain. */
export interface LogHead {
  readonly seq: number;
  readonly hash: string;
  readonly mac: string | null;
}

interface Row {
  seq: number;
  at: number;
  type: string;
  version: number;
  payload: string;
  prev_hash: string;
  hash: string;
  /** Absent before `addEventMacs`. */
  mac?: string | null;
}

const toEvent = (r: Row): StoredEvent => ({
  seq: r.seq,
  at: r.at,
  type: r.type,
  version: r.version,
  payload: r.payload,
  prevHash: r.prev_hash,
  hash: r.hash,
  mac: r.mac ?? null,
});

/**
 * The append-only, hash-chained event log: the audit trail every projection and statistic is
 * derived from. Appends belong in the caller's transaction, with the projection updates, so
 * both commit or neither does.
 */
export class EventLog {
  readonly #insert;
  readonly #last;
  readonly #since;
  readonly #one;
  readonly #macKey: Uint8Array | null;

  constructor(
    private readonly db: Db,
    /** With a key, every appended row carries its MAC (the table needs `addEventMacs`). */
    options: { readonly macKey?: Uint8Array } = {},
  ) {
    this.#macKey = options.macKey ?? null;
    this.#insert = db.prepare(
      this.#macKey
        ? 'INSERT INTO events (seq, at, type, version, payload, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
        : 'INSERT INTO events (seq, at, type, version, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#last = db.prepare('SELECT * FROM events ORDER BY seq DESC LIMIT 1');
    this.#since = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.#one = db.prepare('SELECT * FROM events WHERE seq = ?');
  }

  /** The last event's sequence number, 0 for an empty log. */
  lastSeq(): number {
    return this.head().seq;
  }

  /** The last event's sequence number, hash and MAC (seq 0 and the genesis hash when empty). */
  head(): LogHead {
    // Read from the database, not a cache that a rolled-back transaction could leave stale.
    const row = this.#last.get() as Row | undefined;
    return row
      ? { seq: row.seq, hash: row.hash, mac: row.mac ?? null }
      : { seq: 0, hash: GENESIS_HASH, mac: null };
  }

  /** One event by its sequence number, or null. */
  at(seq: number): StoredEvent | null {
    const row = this.#one.get(seq) as Row | undefined;
    return row ? toEvent(row) : null;
  }

  /** Appends events in order; call inside a transaction. */
  append(events: readonly NewEvent[]): StoredEvent[] {
    let { seq, hash } = this.head();
    const out: StoredEvent[] = [];
    for (const e of events) {
      if (!Number.isInteger(e.version) || e.version < 1)
        throw new RangeError(`event version must be a positive integer, got ${e.version}`);
      const payload = JSON.stringify(e.payload);
      const next = seq + 1;
      const h = eventHash(hash, next, e.at, e.type, e.version, payload);
      const mac = this.#macKey ? eventMac(this.#macKey, next, h) : null;
      const row = [next, e.at, e.type, e.version, payload, hash, h];
      this.#insert.run(...(mac === null ? row : [...row, mac]));
      out.push({
        seq: next,
        at: e.at,
        type: e.type,
        version: e.version,
        payload,
        prevHash: hash,
        hash: h,
        mac,
      });
      seq = next;
      hash = h;
    }
    return out;
  }

  /** The first event at or after an instant, or null: where a day's replay starts. */
  firstSeqAt(at: number): number | null {
    const row = this.db.prepare('SELECT min(seq) AS seq FROM events WHERE at >= ?').get(at) as {
      seq: number | null;
    };
    return row.seq;
  }

  /** Events after `seq`, oldest first, at most `limit`. */
  since(seq: number, limit = 1000): StoredEvent[] {
    return (this.#since.all(seq, limit) as Row[]).map(toEvent);
  }

  /** Every event after `after`, oldest first, read in pages: for replays and statistics. */
  *all(after = 0, pageSize = 5000): IterableIterator<StoredEvent> {
    for (;;) {
      const page = this.since(after, pageSize);
      const last = page.at(-1);
      if (!last) return;
      yield* page;
      after = last.seq;
    }
  }

  /** The first event that carries a MAC, or null. */
  firstKeyedSeq(): number | null {
    const row = this.db.prepare('SELECT min(seq) AS seq FROM events WHERE mac IS NOT NULL').get() as {
      seq: number | null;
    };
    return row.seq;
  }

  /**
   * Recomputes the whole chain (`checkChain`): proves no event was edited, removed or inserted;
   * with a key, an anchor and a head kept outside the database, also that nobody rewrote the
   * chain from some event on, nor cut its end.
   */
  verify(options: ChainOptions = {}): ChainCheck {
    return checkChain(this.all(), options);
  }
}
