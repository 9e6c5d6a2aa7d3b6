import { AuditProblem, type AuditHead, type ChainCheck } from '@novbe/protocol';
import { damagedAppendOnlyTriggers, EventLog, GENESIS_HASH, type Db } from '@novbe/store';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clock } from '../center/errors';
import { readOrCreateKeyFile } from '../key-file';
import {
  readFindings,
  readHeadFile,
  recordFinding,
  writeHeadFile,
  writeHeadFileSync,
  type Finding,
} from './head-file';
import { checkAtStart } from './start-check';
import { ticketWithoutIssue } from './tickets-check';

/** The head goes to the streams and the log after this many events… */
const HEAD_EVERY_EVENTS = 100;
/** …or this long after the last time, if the log moved on. */
const HEAD_EVERY_MS = 60_000;
/** The head file is rewritten at most this often (and at shutdown). */
const HEAD_FILE_MS = 1000;

/** Where the audit trail's own output goes once the server runs. */
export interface AuditSinks {
  readonly log: {
    info(obj: object, msg: string): void;
    error(obj: object, msg: string): void;
  };
  /** To every open event stream. */
  publish(head: AuditHead): void;
}

/**
 * The event log's anchor outside the database. Its key (a file of its own, never in the
 * database) MACs every event from the anchor on; its head — the last event's sequence number
 * and hash — goes out regularly to the event streams, to the log and to a head file beside
 * the key; `verify` checks the database against them. See the server's README for what this
 * protects against and what it cannot.
 */
export class AuditTrail {
  readonly key: Buffer;
  readonly anchorSeq: number;
  readonly #db: Db;
  readonly #log: EventLog;
  readonly #clock: Clock;
  readonly #headPath: string;
  readonly #findingsPath: string;
  #head: AuditHead;
  #sinks: AuditSinks | null = null;
  #startFindings: readonly Finding[];
  #sinceBroadcast = 0;
  #broadcastSeq = -1;
  #broadcastTimer: ReturnType<typeof setInterval> | null = null;
  #fileTimer: ReturnType<typeof setTimeout> | null = null;
  #fileSeq: number;
  #writing: Promise<void> = Promise.resolve();

  /** Reads (or creates) the key, checks the database against the head file, and writes the current head. */
  constructor(db: Db, keyFile: string, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
    mkdirSync(dirname(keyFile), { recursive: true });
    const { key, created } = readOrCreateKeyFile(keyFile);
    this.key = Buffer.from(key);
    this.#headPath = join(dirname(keyFile), 'audit-head.json');
    this.#findingsPath = join(dirname(keyFile), 'audit-findings.jsonl');
    this.#log = new EventLog(db);
    const start = checkAtStart({
      log: this.#log,
      stored: readHeadFile(this.#headPath, this.key),
      keyCreated: created,
      now: clock(),
    });
    for (const f of start.findings) recordFinding(this.#findingsPath, f);
    this.#startFindings = start.findings;
    this.anchorSeq = start.anchorSeq;
    const tail = this.#log.head();
    this.#head = {
      seq: tail.seq,
      hash: tail.hash,
      at: tail.seq === 0 ? 0 : (this.#log.at(tail.seq)?.at ?? 0),
    };
    this.#fileSeq = this.#head.seq;
    writeHeadFileSync(this.#headPath, this.key, { anchorSeq: this.anchorSeq, ...this.#head });
  }

  /** The last head published (the database holds it, or was tampered with). */
  head(): AuditHead {
    return this.#head;
  }

  /** Starts publishing: what the start found goes to the log, the head to streams and log. */
  start(sinks: AuditSinks): void {
    this.#sinks = sinks;
    for (const f of this.#startFindings) sinks.log.error({ ...f }, `audit trail: ${f.reason}`);
    this.#broadcast('at start');
    this.#broadcastTimer = setInterval(() => {
      if (this.#head.seq !== this.#broadcastSeq) this.#broadcast('periodic');
    }, HEAD_EVERY_MS);
    this.#broadcastTimer.unref();
  }

  /** Committed events, once on the disk and told (in commit order): the head moves on. */
  observe(events: readonly { readonly seq: number }[]): void {
    const last = events.at(-1);
    if (!last) return;
    const row = this.#log.at(last.seq);
    if (last.seq <= this.#head.seq || !row)
      this.#record({
        at: this.#clock(),
        problem: AuditProblem.Truncated,
        seq: last.seq,
        reason: row
          ? `event ${last.seq} was written after event ${this.#head.seq} had been published: events were deleted from the log while the server ran`
          : `event ${last.seq} was gone right after it was written: events were deleted from the log while the server ran`,
      });
    this.#head = { seq: last.seq, hash: row?.hash ?? GENESIS_HASH, at: row?.at ?? 0 };
    this.#sinceBroadcast += events.length;
    if (this.#sinceBroadcast >= HEAD_EVERY_EVENTS) this.#broadcast('periodic');
    this.#fileTimer ??= setTimeout(() => void this.flush(), HEAD_FILE_MS);
    this.#fileTimer.unref?.();
  }

  /** Writes the head file now if the head moved since; resolves when it is on the disk. */
  flush(): Promise<void> {
    if (this.#fileTimer) clearTimeout(this.#fileTimer);
    this.#fileTimer = null;
    this.#writing = this.#writing.then(async () => {
      if (this.#head.seq === this.#fileSeq) return;
      const head = this.#head;
      try {
        await writeHeadFile(this.#headPath, this.key, { anchorSeq: this.anchorSeq, ...head });
        this.#fileSeq = head.seq;
      } catch (e) {
        this.#sinks?.log.error(
          { err: e },
          'audit trail: the head file could not be written; the next commit retries',
        );
      }
    });
    return this.#writing;
  }

  /**
   * The whole audit: the append-only triggers, the hash chain and its MACs from the anchor on,
   * the head published outside the database, the problems recorded earlier, and a
   * `ticket.issued` event for every ticket row. The first problem found is the answer.
   */
  verify(): ChainCheck {
    const triggers = damagedAppendOnlyTriggers(this.#db);
    if (triggers.length)
      return {
        ok: false,
        seq: 0,
        problem: AuditProblem.TriggerMissing,
        reason: `the append-only trigger${triggers.length > 1 ? 's' : ''} ${triggers.join(' and ')} ${
          triggers.length > 1 ? 'were' : 'was'
        } dropped or changed: the log can be edited in place`,
      };
    const head = this.#head;
    const chain = this.#log.verify({ macKey: this.key, anchorSeq: this.anchorSeq, head });
    if (!chain.ok) return chain;
    // What was found earlier comes before the tickets: it names the cause (e.g. a cut while
    // stopped) of which ticket rows without events are a symptom.
    const recorded = readFindings(this.#findingsPath)[0];
    if (recorded)
      return {
        ok: false,
        seq: recorded.seq,
        problem: recorded.problem,
        reason: `${new Date(recorded.at).toISOString()}: ${recorded.reason} (recorded in ${this.#findingsPath}; move that file away once this is dealt with)`,
      };
    const orphan = ticketWithoutIssue(this.#db);
    if (orphan) return { ok: false, problem: AuditProblem.TicketWithoutEvent, ...orphan };
    return { ...chain, anchorSeq: this.anchorSeq, head };
  }

  /** At shutdown: the last head to the log and, synchronously, to the head file. */
  close(): void {
    if (this.#broadcastTimer) clearInterval(this.#broadcastTimer);
    if (this.#fileTimer) clearTimeout(this.#fileTimer);
    this.#fileTimer = null;
    this.#sinks?.log.info({ ...this.#head }, 'audit head at shutdown');
    writeHeadFileSync(this.#headPath, this.key, { anchorSeq: this.anchorSeq, ...this.#head });
    this.#fileSeq = this.#head.seq;
  }

  #broadcast(when: string): void {
    this.#sinceBroadcast = 0;
    this.#broadcastSeq = this.#head.seq;
    this.#sinks?.log.info({ ...this.#head }, `audit head (${when})`);
    this.#sinks?.publish(this.#head);
  }

  #record(f: Finding): void {
    try {
      recordFinding(this.#findingsPath, f);
    } finally {
      this.#sinks?.log.error({ ...f }, `audit trail: ${f.reason}`);
    }
  }
}
