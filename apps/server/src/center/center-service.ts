import { CenterIndex, type Center, type PriorityClass } from '@novbe/core';
import type {
  CenterEvent,
  CounterCommand,
  CounterCommandResult,
  CounterView,
  EventBody,
  HallWaiting,
  IssueRequest,
  NumberLeaseView,
  OfflineTicket,
  Snapshot,
  SyncResult,
  TicketView,
  WaitEstimateView,
} from '@novbe/protocol';
import type { ChainCheck, Db } from '@novbe/store';
import type { z } from 'zod';
import { CenterLog } from './center-log';
import { cancelTicket, cancelUnseen } from './commands/cancel';
import type { CommandContext, CommandOutcome } from './commands/context';
import { runCounterCommand } from './commands/counter-command';
import { issueTicket, type CheckIn, type Issued } from './commands/issue';
import { leaseNumbers } from './commands/lease';
import { syncOfflineTickets } from './commands/sync';
import { takeOverCounter } from './commands/take-over';
import { EventCommitter } from './commit';
import type { describeMemory } from './day-memory';
import { DayState } from './day-state';
import { ConfigurationConflictError, type Clock } from './errors';
import { WaitEstimates } from './estimates';
import { Quarantine, type QuarantinedEvent } from './quarantine';
import { TicketRepository } from './ticket-repository';
import { counterView, projectedTicket, ticketView } from './views';

/**
 * The center's queue authority. Commands read the day's memory and decide their events without
 * changing anything; the events are committed to the hash-chained log together with the
 * projections in one transaction before anyone is told, and memory moves on by them inside
 * that transaction. Whatever fails on the way (a command, the disk, a projection, an event
 * that does not fit) leaves memory as a replay of the log makes it: a failed request leaves no
 * trace. On start, and at each new center day, the day's events are replayed; one that cannot
 * be read or replayed is kept aside (`quarantined`), never a reason to stop.
 */
export class CenterService {
  /** Wait-estimate projections made, inside a request and after the answers. */
  readonly projections: { readonly inRequest: number; readonly afterAnswer: number };
  readonly #clock: Clock;
  readonly #log: CenterLog;
  readonly #tickets: TicketRepository;
  readonly #day: DayState;
  readonly #estimates: WaitEstimates;
  readonly #committer: EventCommitter;
  readonly #quarantine = new Quarantine();

  constructor(
    db: Db,
    index: CenterIndex,
    clock: Clock,
    /** Resolves once every commit so far is on the disk (a `GroupSync`). */
    durable: { flush(): Promise<void> },
    /** The audit trail's key: every event written carries its MAC (see `AuditTrail`). */
    macKey?: Uint8Array,
  ) {
    this.#clock = clock;
    this.#log = new CenterLog(db, { macKey, onUnreadable: (failure) => this.#quarantine.add(failure) });
    this.#tickets = new TicketRepository(db);
    this.#day = new DayState(index, clock(), (at) => this.#log.entriesFrom(at), this.#quarantine);
    this.#estimates = new WaitEstimates(this.#day, clock);
    this.projections = this.#estimates.projections;
    this.#committer = new EventCommitter(db, this.#log, durable, {
      apply: (e) => {
        this.#day.apply(e);
        this.#project(e);
      },
      recover: (now) => this.#day.recover(now),
    });
  }

  get index(): CenterIndex {
    return this.#day.index;
  }

  get center(): Center {
    return this.index.center;
  }

  // ── The log ──────────────────────────────────────────────────────────────

  /** The last event's sequence number, 0 for an empty log. */
  lastSeq(): number {
    return this.#log.lastSeq();
  }

  /** Recomputes the log's hash chain: proves no event was edited, removed or inserted. */
  verifyLog(): ChainCheck {
    return this.#log.verify();
  }

  /** Events after `seq`, oldest first, at most `limit` (a stream's replay, page by page). */
  eventsAfter(seq: number, limit: number): CenterEvent[] {
    return this.#log.after(seq, limit);
  }

  /** Every event from the first one at or after `at`, oldest first (statistics replay these). */
  eventsFrom(at: number): IterableIterator<CenterEvent> {
    return this.#log.from(at);
  }

  /** The first event of the current center day (or the next one to come). */
  dayFirstSeq(): number {
    this.#day.ensure(this.#clock());
    return this.#log.firstSeqAt(this.#day.start) ?? this.#log.lastSeq() + 1;
  }

  /** Resolves when every committed event has been told to listeners (see `EventCommitter`). */
  published(): Promise<void> {
    return this.#committer.published();
  }

  /** Subscribes to committed events (the live stream), told once they are on the disk, in order. */
  onEvents(listener: (events: CenterEvent[]) => void): () => void {
    return this.#committer.onEvents(listener);
  }

  /**
   * Commits events (and `alsoInTransaction`, e.g. a device row) in one transaction with their
   * projections; listeners hear of them once they are on the disk.
   */
  commit(bodies: EventBody[], now: number, alsoInTransaction?: () => void): CenterEvent[] {
    return this.#committer.commit(bodies, now, alsoInTransaction);
  }

  /**
   * Puts a new center configuration in force at once. Today's events are replayed under it
   * aside; if one of them no longer fits (a service or counter in use was removed), nothing
   * changes. Once `config.changed` is committed, the day replayed under it comes into force.
   */
  reconfigure(center: Center, saveInTransaction: () => void): void {
    const now = this.#clock();
    this.#day.ensure(now);
    const replayed = this.#day.replayUnder(new CenterIndex(center), now);
    const kept = new Set(this.#day.quarantined.map((q) => q.seq));
    const misfit = replayed.quarantined.find((q) => !kept.has(q.seq));
    if (misfit)
      throw new ConfigurationConflictError(
        `the new configuration does not fit today's tickets: ${misfit.type} (event ${misfit.seq}): ${misfit.reason}`,
      );
    this.commit([{ type: 'config.changed', hallId: null, centerId: center.id }], now, saveInTransaction);
    this.#day.adopt(replayed);
  }

  // ── Events kept aside ────────────────────────────────────────────────────

  /** The events kept aside since start: unreadable, or not fitting their day (see `Quarantine`). */
  quarantined(): QuarantinedEvent[] {
    return this.#quarantine.list();
  }

  /** Hears of each event kept aside: those of the start's replay at once, then new ones. */
  onQuarantine(listener: (e: QuarantinedEvent) => void): () => void {
    return this.#quarantine.listen(listener);
  }

  /** Today's whole memory as plain data: what a fresh replay of the log must equal. */
  describeMemory(): ReturnType<typeof describeMemory> {
    return this.#day.describe();
  }

  // ── Commands ─────────────────────────────────────────────────────────────

  /** An online issue: idempotent by ticket id; numbered by the server. */
  issue(kioskId: string | null, req: IssueRequest, appointment: CheckIn | null = null): Issued {
    return this.#run((ctx) => issueTicket(ctx, kioskId, req, appointment));
  }

  /** Tickets a kiosk issued offline, each taken at its issue time; known ones are duplicates. */
  sync(kioskId: string, tickets: readonly OfflineTicket[]): SyncResult {
    return this.#run((ctx) => syncOfflineTickets(ctx, kioskId, tickets));
  }

  /** Reserves blocks of numbers for a kiosk's offline issuing, one per service prefix. */
  lease(kioskId: string, serviceIds: readonly string[], size: number): z.infer<typeof NumberLeaseView>[] {
    return this.#run((ctx) => leaseNumbers(ctx, kioskId, serviceIds, size));
  }

  cancel(ticketId: string): TicketView {
    return this.#run((ctx) => cancelTicket(ctx, ticketId));
  }

  /** The kiosk that issued a ticket: null when no kiosk did, undefined for an id never issued. */
  issuingKiosk(ticketId: string): string | null | undefined {
    return this.#tickets.issuedBy(ticketId);
  }

  /** A kiosk cancels a ticket the server may never have seen (see `cancelUnseen`). */
  cancelUnseen(ticketId: string, kioskId: string): void {
    cancelUnseen(this.#day, this.#tickets, ticketId, kioskId, this.#clock());
  }

  /** One counter command from staff (`staffId`) or the counter's board (`staffId` null). */
  counterCommand(counterId: string, staffId: string | null, cmd: CounterCommand): CounterCommandResult {
    return this.#run((ctx) => runCounterCommand(ctx, counterId, staffId, cmd));
  }

  /** A supervisor takes over a counter someone else holds, for `staffId` (see `takeOverCounter`). */
  takeOver(counterId: string, supervisorId: string, staffId: string): CounterView {
    return this.#run((ctx) => takeOverCounter(ctx, counterId, supervisorId, staffId));
  }

  /**
   * Runs a command: it decides its events from memory without changing it (a throw there
   * leaves nothing to undo); the events commit, moving memory on inside their transaction,
   * and the answer is read there too (see `EventCommitter`).
   */
  #run<T>(command: (ctx: CommandContext) => CommandOutcome<T>): T {
    const now = this.#clock();
    this.#day.ensure(now);
    const outcome = command({
      ...this.#day.reads,
      now,
      tickets: this.#tickets,
      findTicket: (id) => this.findTicket(id),
      estimateFor: (serviceId, priority) => this.estimateFor(serviceId, priority, now),
    });
    if (!outcome.events.length) return outcome.answer(this.#day.reads);
    let answer!: T;
    this.commit(outcome.events, now, () => {
      outcome.inTransaction?.();
      answer = outcome.answer(this.#day.reads);
    });
    return answer;
  }

  // ── Reads ────────────────────────────────────────────────────────────────

  /** A ticket by id: today's from memory, older ones from the projection. */
  findTicket(id: string): TicketView | null {
    const t = this.#day.ticket(id);
    const row = this.#tickets.byId(id);
    return t ? ticketView(this.index, t, row?.offline ?? false) : row;
  }

  /** The estimated wait of a new ticket (see `WaitEstimates`). */
  estimateFor(serviceId: string, priority: PriorityClass, now: number): WaitEstimateView | null {
    return this.#estimates.estimateFor(serviceId, priority, now);
  }

  /** The counters of some halls (null: all). */
  counters(hallIds: readonly string[] | null): CounterView[] {
    return [...this.#day.counters()]
      .filter((c) => hallIds === null || hallIds.includes(c.hallId))
      .map((c) => counterView(c, this.#day));
  }

  /** One counter; `UnknownEntityError` for an id the configuration lacks. */
  counter(counterId: string): CounterView {
    return counterView(this.#day.counter(counterId), this.#day);
  }

  /** Tickets waiting for a service now. */
  waitingIn(serviceId: string): number {
    return this.#day.waitingIn(serviceId);
  }

  /** Tickets waiting in the whole center now. */
  waitingTotal(): number {
    return this.#day.waitingTotal();
  }

  /** What a display starts from: counters and the latest calls of some halls (null: all). */
  snapshot(hallIds: readonly string[] | null): Snapshot {
    this.#day.ensure(this.#clock());
    const inHall = (h: string) => hallIds === null || hallIds.includes(h);
    return {
      seq: this.#log.lastSeq(),
      counters: this.counters(hallIds),
      recentCalls: this.#day.recentCalls(inHall),
      waiting: this.#day.waitingByHall(inHall),
    };
  }

  /** Tickets waiting in each of some halls (null: all). */
  waiting(hallIds: readonly string[] | null): HallWaiting {
    this.#day.ensure(this.#clock());
    return this.#day.waitingByHall((h) => hallIds === null || hallIds.includes(h));
  }

  // ── Memory ───────────────────────────────────────────────────────────────

  /** Keeps the tickets projection in step with memory after an event. */
  #project(e: CenterEvent): void {
    const row = projectedTicket(this.index, this.#day, e);
    if (row) this.#tickets.upsert(row);
  }
}
