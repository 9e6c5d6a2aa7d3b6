import { createHash } from 'node:crypto';
import type { Db } from './database';

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
}

export interface NewEvent {
  readonly at: number;
  readonly type: string;
  /** The schema version of `payload`, a positive integer: readers upcast older ones. */
  readonly version: number;
  readonly payload: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of an event: it covers the previous event's hash, so one edit breaks the chain.
 *
 * Version-1 rows hash exactly as they did before events carried a version (previous hash, seq,
 * at, type and payload, one a line), so logs written then still verify. From version 2 the
 * input starts with a `v<version>` line, so the version is covered too: rewriting a row's
 * version (to have it read through other upcasters) breaks the chain. No version-1 input can
 * begin that way, since it begins with the previous hash, which is hexadecimal.
 */
export function eventHash(
  prevHash: string,
  seq: number,
  at: number,
  type: string,
  version: number,
  payload: string,
): string {
  const fields = `${prevHash}\n${seq}\n${at}\n${type}\n${payload}`;
  return createHash('sha256')
    .update(version === 1 ? fields : `v${version}\n${fields}`)
    .digest('hex');
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
    CREATE TRIGGER events_noUpdate BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
    CREATE TRIGGER events_noDelete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
  `);
}

/**
 * Gives each event its schema version: rows already written were version 1. A later step of
 * an app's migration registry than `createEventLogTables`.
 */
export function addEventVersions(db: Db): void {
  db.exec('ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1');
}

export type ChainCheck =
  | { readonly ok: true; readonly count: number; readonly lastHash: string }
  | { readonly ok: false; readonly seq: number; readonly reason: string };

interface Row {
  seq: number;
  at: number;
  type: string;
  version: number;
  payload: string;
  prev_hash: string;
  hash: string;
}

const toEvent = (r: Row): StoredEvent => ({
  seq: r.seq,
  at: r.at,
  type: r.type,
  version: r.version,
  payload: r.payload,
  prevHash: r.prev_hash,
  hash: r.hash,
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

  constructor(private readonly db: Db) {
    this.#insert = db.prepare(
      'INSERT INTO events (seq, at, type, version, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.#last = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1');
    this.#since = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  }

  /** The last event's sequence number, 0 for an empty log. */
  lastSeq(): number {
    return this.#tailRow().seq;
  }

  #tailRow(): { seq: number; hash: string } {
    // Read from the database, not a cache that a rolled-back transaction could leave stale.
    const row = this.#last.get() as { seq: number; hash: string } | undefined;
    return row ?? { seq: 0, hash: GENESIS_HASH };
  }

  /** Appends events in order; call inside a transaction. */
  append(events: readonly NewEvent[]): StoredEvent[] {
    let { seq, hash } = this.#tailRow();
    const out: StoredEvent[] = [];
    for (const e of events) {
      if (!Number.isInteger(e.version) || e.version < 1)
        throw new RangeError(`event version must be a positive integer, got ${e.version}`);
      const payload = JSON.stringify(e.payload);
      const next = seq + 1;
      const h = eventHash(hash, next, e.at, e.type, e.version, payload);
      this.#insert.run(next, e.at, e.type, e.version, payload, hash, h);
      out.push({ seq: next, at: e.at, type: e.type, version: e.version, payload, prevHash: hash, hash: h });
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

  /** Recomputes the whole chain: proves no event was edited, removed or inserted. */
  verify(): ChainCheck {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    for (const e of this.all()) {
      if (e.seq !== expectedSeq)
        return { ok: false, seq: e.seq, reason: `expected event ${expectedSeq}, found ${e.seq}` };
      if (e.prevHash !== prev) return { ok: false, seq: e.seq, reason: 'previous-hash link broken' };
      if (eventHash(prev, e.seq, e.at, e.type, e.version, e.payload) !== e.hash)
        return { ok: false, seq: e.seq, reason: 'content does not match its hash' };
      prev = e.hash;
      expectedSeq++;
      count++;
    }
    return { ok: true, count, lastHash: prev };
  }
}
