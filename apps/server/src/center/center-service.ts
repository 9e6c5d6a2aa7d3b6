import { CenterIndex, type Center, type PriorityClass } from '@novbe/core';
import type {
  CenterEvent,
  CounterCommand,
  CounterCommandResult,
  CounterView,
  EventBody,
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
import { DayState } from './day-state';
import { ConfigurationConflictError, type Clock } from './errors';
import { WaitEstimates } from './estimates';
import { TicketRepository } from './ticket-repository';
import { counterView, ticketView } from './views';

/**
 * The center's queue authority. Commands run against the day's in-memory core queue, become
 * events, and are committed to the hash-chained log together with the projections in one
 * transaction before anyone is told; a failed commit rebuilds memory from the log, so what
 * memory holds never runs ahead of the disk. On start, and at each new center day, the day's
 * events are replayed.
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
    this.#log = new CenterLog(db, macKey);
    this.#tickets = new TicketRepository(db);
    this.#day = new DayState(index, clock(), (at) => this.#log.from(at));
    this.#estimates = new WaitEstimates(this.#day, clock);
    this.projections = this.#estimates.projections;
    this.#committer = new EventCommitter(db, this.#log, durable, {
      project: (e) => this.#project(e),
      track: (e) => this.#day.track(e),
      recover: (now) => this.#rebuild(this.index, now),
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
    this.#ensureDay(this.#clock());
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
   * Puts a new center configuration in force at once. Today's events are replayed under it;
   * if they no longer fit (a service or counter in use was removed), nothing changes.
   */
  reconfigure(center: Center, saveInTransaction: () => void): void {
    const now = this.#clock();
    const previous = this.index;
    try {
      this.#rebuild(new CenterIndex(center), now);
    } catch (e) {
      this.#rebuild(previous, now);
      throw new ConfigurationConflictError(
        `the new configuration does not fit today's tickets: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    this.commit([{ type: 'config.changed', hallId: null, centerId: center.id }], now, saveInTransaction);
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
   * Runs a command on memory, then commits its events. Memory changes first (the core
   * validates); if the commit fails, memory is rebuilt from the log.
   */
  #run<T>(command: (ctx: CommandContext) => CommandOutcome<T>): T {
    const now = this.#clock();
    this.#ensureDay(now);
    const { events, result, inTransaction } = this.#day.change((day) =>
      command({
        ...day,
        now,
        tickets: this.#tickets,
        findTicket: (id) => this.findTicket(id),
        estimateFor: (serviceId, priority) => this.estimateFor(serviceId, priority, now),
      }),
    );
    if (events.length) this.commit(events, now, inTransaction);
    return result;
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
    this.#ensureDay(this.#clock());
    const inHall = (h: string) => hallIds === null || hallIds.includes(h);
    return {
      seq: this.#log.lastSeq(),
      counters: this.counters(hallIds),
      recentCalls: this.#day.recentCalls(inHall),
    };
  }

  // ── Memory ───────────────────────────────────────────────────────────────

  #rebuild(index: CenterIndex, now: number): void {
    this.#estimates.clear();
    this.#day.rebuild(index, now, (at) => this.#log.from(at));
  }

  /** A new center day starts with closed counters and fresh numbers. */
  #ensureDay(now: number): void {
    if (!this.#day.covers(now)) this.#rebuild(this.index, now);
  }

  /** Keeps the tickets projection in step with memory after an event. */
  #project(e: CenterEvent): void {
    const issued = e.type === 'ticket.issued' ? e.ticket : null;
    const id = issued ? issued.id : 'ticketId' in e ? e.ticketId : null;
    const t = id === null ? undefined : this.#day.ticket(id);
    if (!t) return;
    this.#tickets.upsert({
      ...ticketView(this.index, t),
      firstCalledAt: t.firstCalledAt,
      endedAt: t.endedAt,
      kioskId: issued?.kioskId ?? null,
      offline: issued?.offline ?? false,
      seq: e.seq,
    });
  }
}
