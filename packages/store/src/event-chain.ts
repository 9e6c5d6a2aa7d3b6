import { createHash, createHmac } from 'node:crypto';
import type { Db } from './database';

/** The previous hash of the first event. */
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
 * The keyed MAC of an event (HMAC-SHA256 under a key kept outside the database). It covers the
 * event's hash, which covers every event before it: whoever rewrites a row and recomputes the
 * hashes after it cannot recompute the MACs without the key.
 */
export function eventMac(key: Uint8Array, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`novbe-event-mac-1\n${seq}\n${hash}`).digest('hex');
}

/** Why a log failed its check: stable codes (protocol's `AuditProblem` holds the same). */
export type ChainProblem =
  | 'sequence-gap'
  | 'link-broken'
  | 'hash-mismatch'
  | 'mac-missing'
  | 'mac-mismatch'
  | 'truncated'
  | 'head-mismatch';

export type ChainCheck =
  | { readonly ok: true; readonly count: number; readonly lastSeq: number; readonly lastHash: string }
  | { readonly ok: false; readonly seq: number; readonly problem: ChainProblem; readonly reason: string };

/** A position of the chain as it was told outside the database. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

export interface ChainOptions {
  /** The MAC key; without it MACs are not checked, only their presence from `anchorSeq` on. */
  readonly macKey?: Uint8Array;
  /** The first event that must carry a MAC; events before it keep their plain hash. */
  readonly anchorSeq?: number;
  /** The last head published outside the database: the log must still hold it, unchanged. */
  readonly head?: ChainHead;
}

/** The columns of a row the check reads. */
export interface ChainRow {
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  readonly version: number;
  readonly payload: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly mac: string | null;
}

/**
 * Checks a whole log, oldest first: consecutive sequence numbers from 1, each row linked to
 * the one before and matching its hash, a correct MAC on every row from the anchor on, and
 * the published head still there with the same hash. The first problem found is reported.
 */
export function checkChain(rows: Iterable<ChainRow>, options: ChainOptions = {}): ChainCheck {
  const { macKey, anchorSeq = Infinity, head } = options;
  const fail = (seq: number, problem: ChainProblem, reason: string): ChainCheck => ({
    ok: false,
    seq,
    problem,
    reason,
  });
  let prev = GENESIS_HASH;
  let seq = 0;
  for (const e of rows) {
    if (e.seq !== seq + 1)
      return fail(
        e.seq,
        'sequence-gap',
        seq === 0
          ? `the log starts at event ${e.seq}: events 1 to ${e.seq - 1} were removed`
          : `event ${e.seq} follows event ${seq}: events ${seq + 1} to ${e.seq - 1} were removed`,
      );
    if (e.prevHash !== prev)
      return fail(e.seq, 'link-broken', `event ${e.seq} does not link to the event before it`);
    if (eventHash(prev, e.seq, e.at, e.type, e.version, e.payload) !== e.hash)
      return fail(e.seq, 'hash-mismatch', `event ${e.seq} does not match its hash: it was edited`);
    if (e.seq >= anchorSeq) {
      if (e.mac === null)
        return fail(
          e.seq,
          'mac-missing',
          `event ${e.seq} has no MAC, though every event from ${anchorSeq} on is keyed: the log was rewritten without the key`,
        );
      if (macKey && eventMac(macKey, e.seq, e.hash) !== e.mac)
        return fail(
          e.seq,
          'mac-mismatch',
          `event ${e.seq} does not match its MAC: it (or an event before it) was rewritten and the hashes recomputed`,
        );
    }
    if (head && e.seq === head.seq && e.hash !== head.hash)
      return fail(
        e.seq,
        'head-mismatch',
        `event ${e.seq} differs from the head published outside the database: the log was rewritten`,
      );
    prev = e.hash;
    seq = e.seq;
  }
  if (head && seq < head.seq)
    return fail(
      seq,
      'truncated',
      seq === 0
        ? `the log is empty, but event ${head.seq} was published: every event was deleted`
        : `the log ends at event ${seq}, but event ${head.seq} was published: events were deleted from its end`,
    );
  if (seq < anchorSeq - 1 && anchorSeq !== Infinity)
    return fail(seq, 'truncated', `the log ends at event ${seq}, before its anchor (event ${anchorSeq - 1})`);
  return { ok: true, count: seq, lastSeq: seq, lastHash: prev };
}

/** The triggers that make the event log append-only, as `createEventLogTables` creates them. */
export const APPEND_ONLY_TRIGGERS: Readonly<Record<string, string>> = {
  events_noUpdate: `CREATE TRIGGER events_noUpdate BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`,
  events_noDelete: `CREATE TRIGGER events_noDelete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END`,
};

const normalised = (sql: string) => sql.replace(/\s+/g, ' ').trim();

/** The append-only triggers that are missing or were changed (by name); none when intact. */
export function damagedAppendOnlyTriggers(db: Db): string[] {
  const present = new Map(
    (
      db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")
        .all() as {
        name: string;
        sql: string | null;
      }[]
    ).map((t) => [t.name, normalised(t.sql ?? '')]),
  );
  return Object.entries(APPEND_ONLY_TRIGGERS)
    .filter(([name, sql]) => present.get(name) !== normalised(sql))
    .map(([name]) => name);
}
