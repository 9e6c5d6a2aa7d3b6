import {
  CenterIndex,
  CenterQueue,
  centerDay,
  centerDayBounds,
  CounterStateError,
  DuplicateTicketError,
  estimateNewTickets,
  formatTicketNumber,
  HandlingStats,
  InvalidTicketError,
  NumberAllocator,
  PriorityClass,
  type Center,
  type CounterState,
  type ServiceGroup,
  type Ticket,
  type WaitEstimate,
} from '@novbe/core';
import type {
  CenterEvent,
  CounterCommand,
  CounterCommandResult,
  CounterView,
  EventBody,
  IssueRequest,
  OfflineTicket,
  Snapshot,
  SyncResult,
  TicketView,
  WaitEstimateView,
} from '@novbe/protocol';
import type { NumberLeaseView } from '@novbe/protocol';
import { EventLog, type Db, type StoredEvent } from '@novbe/store';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

/** The storage refused a write (disk full, locked, I/O error): nothing was acknowledged. */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(override readonly cause: unknown) {
    super(`storage unavailable: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

export type Clock = () => number;

/** How long a projected estimate is reused as it is during a burst of issues. */
const ESTIMATE_REUSE_MS = 1000;
/** Until this age, an older projection still answers while a new one is made after the answer. */
const ESTIMATE_STALE_MS = 5000;

/** One projection of a group of services: a new ticket's estimate for each service and class. */
interface GroupEstimates {
  readonly at: number;
  readonly version: number;
  /** Tickets waiting in each service of the group then. */
  readonly waiting: ReadonlyMap<string, number>;
  readonly estimates: ReadonlyMap<string, ReadonlyMap<PriorityClass, WaitEstimate>>;
}

export class ConfigurationConflictError extends Error {
  override name = 'ConfigurationConflictError';
}

const toMinutes = (ms: number) => Math.round((ms / 60_000) * 10) / 10;

export function estimateView(e: WaitEstimate | null): WaitEstimateView | null {
  return (
    e && {
      ahead: e.ahead,
      expectedMin: toMinutes(e.expectedMs),
      lowMin: toMinutes(e.lowMs),
      highMin: toMinutes(e.highMs),
    }
  );
}

/**
 * The center's queue authority. Commands run against the in-memory core queue, become
 * events, and are committed to the hash-chained log together with the projections in one
 * transaction before anyone is told; a failed commit rebuilds memory from the log, so what
 * memory holds never runs ahead of the disk. On start, and at each new center day, the day's
 * events are replayed.
 */
export class CenterService {
  readonly log: EventLog;
  queue!: CenterQueue;
  numbers!: NumberAllocator;
  stats!: HandlingStats;
  day = '';
  #dayBounds = { start: 0, end: 0 };
  readonly #callStartedAt = new Map<string, number>();
  /** The last projection of each group of services (see `estimateFor`). */
  readonly #estimates = new Map<ServiceGroup, GroupEstimates>();
  /** Groups whose projection is renewed once the answers of this turn are out. */
  readonly #renewing = new Set<ServiceGroup>();
  /** Projections made, inside a request and after the answers. */
  readonly projections = { inRequest: 0, afterAnswer: 0 };
  /** Bumped by every event but new tickets: calls, counters, transfers change every estimate. */
  #counterVersion = 0;
  readonly #recentCalls: Snapshot['recentCalls'] = [];
  readonly #listeners = new Set<(events: CenterEvent[]) => void>();
  /** Settles when the last commit is on the disk and told to listeners (commits settle in order). */
  #lastPublication: Promise<void> = Promise.resolve();
  readonly #upsertTicket;
  readonly #ticketById;
  readonly #ticketByNumber;
  readonly #cancelledId;

  constructor(
    private readonly db: Db,
    index: CenterIndex,
    private readonly clock: Clock,
    /** Resolves once every commit so far is on the disk (a `GroupSync`). */
    private readonly durable: { flush(): Promise<void> },
  ) {
    this.#index = index;
    this.log = new EventLog(db);
    this.#upsertTicket = db.prepare(`
      INSERT INTO tickets (id, number, day, service_id, hall_id, language, priority, status, issued_at,
        appointment_at, first_called_at, counter_id, ended_at, kiosk_id, offline, issued_seq)
      VALUES (@id, @number, @day, @serviceId, @hallId, @language, @priority, @status, @issuedAt,
        @appointmentAt, @firstCalledAt, @counterId, @endedAt, @kioskId, @offline, @seq)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, service_id = excluded.service_id,
        first_called_at = excluded.first_called_at, counter_id = excluded.counter_id, ended_at = excluded.ended_at`);
    this.#ticketById = db.prepare('SELECT * FROM tickets WHERE id = ?');
    this.#ticketByNumber = db.prepare('SELECT id FROM tickets WHERE day = ? AND number = ?');
    this.#cancelledId = db.prepare('SELECT 1 FROM cancelled_ids WHERE id = ?');
    this.#rebuild(clock());
  }

  #index: CenterIndex;

  get index(): CenterIndex {
    return this.#index;
  }

  get center(): Center {
    return this.#index.center;
  }

  /**
   * Puts a new center configuration in force at once. Today's events are replayed under it;
   * if they no longer fit (a service or counter in use was removed), nothing changes.
   */
  reconfigure(center: Center, saveInTransaction: () => void): void {
    const now = this.clock();
    const previous = this.#index;
    this.#index = new CenterIndex(center);
    try {
      this.#rebuild(now);
    } catch (e) {
      this.#index = previous;
      this.#rebuild(now);
      throw new ConfigurationConflictError(
        `the new configuration does not fit today's tickets: ${(e as Error).message}`,
      );
    }
    this.commit([{ type: 'config.changed', hallId: null, centerId: center.id }], now, saveInTransaction);
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

  // ── Replay ────────────────────────────────────────────────────────────────

  #rebuild(now: number): void {
    this.day = centerDay(now, this.center.hours);
    this.#dayBounds = centerDayBounds(this.day, this.center.hours);
    this.queue = new CenterQueue(this.index);
    this.numbers = new NumberAllocator();
    this.stats = new HandlingStats(this.center);
    this.#callStartedAt.clear();
    this.#recentCalls.length = 0;
    this.#estimates.clear();
    const first = this.log.firstSeqAt(this.#dayBounds.start);
    if (first === null) return;
    for (const stored of this.log.all(first - 1)) {
      const event = toEvent(stored);
      this.#apply(event);
      this.#track(event);
    }
  }

  /** The first event of the current center day (or the next one to come). */
  dayFirstSeq(): number {
    this.#ensureDay(this.clock());
    return this.log.firstSeqAt(this.#dayBounds.start) ?? this.log.lastSeq() + 1;
  }

  /** A new center day starts with closed counters and fresh numbers. */
  #ensureDay(now: number): void {
    if (now < this.#dayBounds.start || now >= this.#dayBounds.end) this.#rebuild(now);
  }

  /** Replays a committed event on the core queue (live commands have already done this). */
  #apply(e: CenterEvent): void {
    const q = this.queue;
    switch (e.type) {
      case 'ticket.issued':
        q.issue(e.ticket);
        break;
      case 'ticket.called':
        q.replayCall(e.counterId, e.ticketId, e.privileged, e.outOfOrder, e.at);
        break;
      case 'ticket.recalled':
        q.recall(e.counterId, e.at);
        break;
      case 'ticket.started':
        q.start(e.counterId, e.at);
        break;
      case 'ticket.finished':
        q.finish(e.counterId, e.at);
        break;
      case 'ticket.no-show':
        q.noShow(e.counterId, e.at);
        break;
      case 'ticket.transferred':
        q.transfer(
          e.counterId,
          e.toServiceId ? { serviceId: e.toServiceId } : { counterId: e.toCounterId! },
          e.at,
          e.keepWaitingTime,
        );
        break;
      case 'ticket.cancelled':
        q.cancel(e.ticketId, e.at);
        break;
      case 'counter.opened':
        q.openCounter(e.counterId, e.staffId, e.at);
        break;
      case 'counter.paused':
        q.pauseCounter(e.counterId, e.at);
        break;
      case 'counter.closed':
        q.closeCounter(e.counterId, e.at);
        break;
      case 'lease.granted':
      case 'device.paired':
      case 'device.revoked':
      case 'appointment.booked':
      case 'appointment.checked-in':
      case 'appointment.released':
      case 'appointment.cancelled':
      case 'config.changed':
        break;
    }
  }

  /** What memory keeps beside the queue (numbering, handling times, recent calls), for every
   * committed event, live or replayed. */
  #track(e: CenterEvent): void {
    if (e.type !== 'ticket.issued' && e.type !== 'lease.granted') this.#counterVersion++;
    switch (e.type) {
      case 'ticket.issued':
        if (/^[A-Z]+$/.test(e.ticket.prefix))
          this.numbers.reserve(e.ticket.prefix, e.ticket.day, e.ticket.seq);
        break;
      case 'lease.granted':
        this.numbers.reserve(e.lease.prefix, e.lease.day, e.lease.last);
        break;
      case 'ticket.called':
        this.#callStartedAt.set(e.counterId, e.at);
        this.#recentCalls.unshift({
          number: e.number,
          counterNumber: e.counterNumber,
          hallId: e.hallId!,
          at: e.at,
        });
        if (this.#recentCalls.length > 20) this.#recentCalls.length = 20;
        break;
      case 'ticket.finished':
      case 'ticket.no-show':
      case 'ticket.transferred': {
        const started = this.#callStartedAt.get(e.counterId);
        if (started !== undefined) this.stats.observe(e.serviceId, e.at - started);
        this.#callStartedAt.delete(e.counterId);
        break;
      }
      default:
        break;
    }
  }

  // ── Commit ────────────────────────────────────────────────────────────────

  /**
   * Commits events (and `alsoInTransaction`, e.g. a device row) in one transaction, projects
   * them, and tells listeners once the commit is on the disk. On a storage failure memory is
   * rebuilt from the log.
   */
  commit(bodies: EventBody[], now: number, alsoInTransaction?: () => void): CenterEvent[] {
    let stored: StoredEvent[];
    try {
      stored = this.db
        .transaction(() => {
          const rows = this.log.append(bodies.map((body) => ({ at: now, type: body.type, payload: body })));
          for (const row of rows) this.#project(toEvent(row));
          alsoInTransaction?.();
          return rows;
        })
        .immediate();
    } catch (e) {
      this.#rebuild(now);
      throw new StorageError(e);
    }
    const events = stored.map(toEvent);
    for (const e of events) this.#track(e);
    this.#lastPublication = this.durable.flush().then(
      () => {
        for (const listener of this.#listeners) listener(events);
      },
      // The disk failed to confirm: nobody hears of these; the server reports the failure.
      () => undefined,
    );
    return events;
  }

  /** Keeps the tickets table in step with the queue after an event. */
  #project(e: CenterEvent): void {
    if (!('ticketId' in e) && e.type !== 'ticket.issued') return;
    const id = e.type === 'ticket.issued' ? e.ticket.id : (e as { ticketId: string }).ticketId;
    const t = this.queue.ticket(id);
    if (!t) return;
    const issued = e.type === 'ticket.issued' ? e.ticket : null;
    this.#upsertTicket.run({
      ...this.view(t),
      firstCalledAt: t.firstCalledAt,
      endedAt: t.endedAt,
      kioskId: issued?.kioskId ?? null,
      offline: issued?.offline ? 1 : 0,
      seq: e.seq,
    });
  }

  /**
   * Runs a command on memory, then commits its events. Memory changes first (the core
   * validates); if the commit fails, `commit` rebuilds memory from the log.
   */
  #run<T>(now: number, command: () => { events: EventBody[]; result: T; inTransaction?: () => void }): T {
    this.#ensureDay(now);
    const { events, result, inTransaction } = command();
    if (events.length) this.commit(events, now, inTransaction);
    return result;
  }

  // ── Tickets ───────────────────────────────────────────────────────────────

  view(t: Ticket, offline = false): TicketView {
    return {
      id: t.id,
      number: t.number,
      day: t.day,
      serviceId: t.serviceId,
      hallId: this.index.services.get(t.serviceId)!.hallId,
      language: t.language,
      priority: t.priority,
      status: t.status,
      issuedAt: t.issuedAt,
      appointmentAt: t.appointmentAt,
      counterId: t.counterId,
      offline,
    };
  }

  /** A ticket by id: today's from memory, older ones from the projection. */
  findTicket(id: string): TicketView | null {
    const t = this.queue.ticket(id);
    const row = this.#ticketById.get(id) as ({ offline: number } & Record<string, unknown>) | undefined;
    if (t) return this.view(t, row?.offline === 1);
    if (!row) return null;
    return {
      id,
      number: row.number as string,
      day: row.day as string,
      serviceId: row.service_id as string,
      hallId: row.hall_id as string,
      language: row.language as TicketView['language'],
      priority: row.priority as TicketView['priority'],
      status: row.status as TicketView['status'],
      issuedAt: row.issued_at as number,
      appointmentAt: (row.appointment_at as number | null) ?? null,
      counterId: (row.counter_id as string | null) ?? null,
      offline: row.offline === 1,
    };
  }

  /**
   * The estimated wait of a new ticket. One projection of the service's group (the services
   * sharing its counters) gives every service and class of the group, at a cost of O(tickets
   * waiting in the group), up to a millisecond with thousands waiting. During a burst of issues
   * (a full kiosk hall at opening time) it is reused, moved on by the tickets of the service
   * issued since (each adds one mean handling time shared by the open counters): as it is for a
   * second, then, for up to five seconds, while a new one is made after the answers of this turn
   * are out, so that no ticket waits for it. Any counter event invalidates it.
   */
  estimateFor(serviceId: string, priority: PriorityClass, now: number): WaitEstimateView | null {
    const group = this.index.groups.get(serviceId);
    if (!group) return null;
    const waiting = this.queue.waiting.waitingIn(serviceId);
    let cached = this.#estimates.get(group);
    const age = cached ? now - cached.at : Infinity;
    if (
      !cached ||
      age >= ESTIMATE_STALE_MS ||
      cached.version !== this.#counterVersion ||
      waiting < (cached.waiting.get(serviceId) ?? 0)
    ) {
      cached = this.#projectGroup(group, now);
      this.projections.inRequest++;
    } else if (age >= ESTIMATE_REUSE_MS) this.#renewSoon(group);
    const estimate = cached.estimates.get(serviceId)?.get(priority);
    if (!estimate) return null;
    const extra = waiting - cached.waiting.get(serviceId)!;
    if (extra === 0) return estimateView(estimate);
    const open =
      this.index.countersByService.get(serviceId)?.filter((c) => this.queue.counter(c.id).status === 'open')
        .length || 1;
    const shift = (extra * this.stats.mean(serviceId)) / open;
    return estimateView({
      ahead: estimate.ahead + extra,
      expectedMs: estimate.expectedMs + shift,
      lowMs: estimate.lowMs + shift,
      highMs: estimate.highMs + shift,
    });
  }

  #projectGroup(group: ServiceGroup, now: number): GroupEstimates {
    const projected: GroupEstimates = {
      at: now,
      version: this.#counterVersion,
      waiting: new Map([...group.services].map((id) => [id, this.queue.waiting.waitingIn(id)])),
      estimates: estimateNewTickets(this.queue, this.stats, group, now),
    };
    this.#estimates.set(group, projected);
    return projected;
  }

  /**
   * Renews a group's projection on the next turn of the event loop: after this turn's WAL sync
   * and the answers it releases, before the next requests are read.
   */
  #renewSoon(group: ServiceGroup): void {
    if (this.#renewing.has(group)) return;
    this.#renewing.add(group);
    setTimeout(() => {
      this.#renewing.delete(group);
      // Renewed meanwhile by a request, or dropped by a new day or configuration.
      const cached = this.#estimates.get(group);
      const now = this.clock();
      if (!cached || now - cached.at < ESTIMATE_REUSE_MS) return;
      this.#projectGroup(group, now);
      this.projections.afterAnswer++;
    }, 0);
  }

  /** An online issue: idempotent by ticket id; numbered by the server. */
  issue(
    kioskId: string | null,
    req: IssueRequest,
    appointment: { id: string; slotAt: number; markCheckedIn: (ticketId: string) => void } | null = null,
  ): { ticket: TicketView; estimate: WaitEstimateView | null } {
    const appointmentAt = appointment?.slotAt ?? null;
    const now = this.clock();
    return this.#run(now, () => {
      const existing = this.queue.ticket(req.id) ?? null;
      if (existing || this.#ticketById.get(req.id)) {
        const view = this.findTicket(req.id)!;
        if (view.serviceId !== req.serviceId && existing?.transfers === 0)
          throw new DuplicateTicketError(req.id, `already issued for another service as ${view.number}`);
        return { events: [], result: { ticket: view, estimate: null } };
      }
      if (this.#cancelledId.get(req.id))
        throw new DuplicateTicketError(req.id, 'this ticket id was cancelled by its kiosk before it arrived');
      const service = this.index.services.get(req.serviceId);
      if (!service) throw new InvalidTicketError(req.id, `unknown service "${req.serviceId}"`);
      const priority =
        appointmentAt !== null
          ? PriorityClass.Appointment
          : req.priorityReason
            ? PriorityClass.Priority
            : PriorityClass.Regular;
      const estimate = this.estimateFor(service.id, priority, now);
      const seq = this.numbers.next(service.prefix, this.day);
      const ticket = {
        id: req.id,
        number: formatTicketNumber(service.prefix, seq),
        prefix: service.prefix,
        seq,
        day: this.day,
        serviceId: service.id,
        language: req.language,
        priority,
        priorityReason: req.priorityReason ?? null,
        appointmentAt,
        issuedAt: now,
        kioskId,
        offline: false,
      };
      const t = this.queue.issue(ticket);
      const events: EventBody[] = [{ type: 'ticket.issued', hallId: service.hallId, ticket }];
      if (appointment)
        events.push({
          type: 'appointment.checked-in',
          hallId: service.hallId,
          appointmentId: appointment.id,
          serviceId: service.id,
          slotAt: appointment.slotAt,
          ticketId: t.id,
        });
      return {
        events,
        result: { ticket: this.view(t), estimate },
        inTransaction: () => appointment?.markCheckedIn(t.id),
      };
    });
  }

  /**
   * Tickets a kiosk issued offline. Each is taken at its issue time (it keeps its place in the
   * line); one already known is a duplicate (a replayed outbox), never a second ticket.
   */
  sync(kioskId: string, tickets: readonly OfflineTicket[]): SyncResult {
    const now = this.clock();
    this.#ensureDay(now);
    const results: SyncResult['results'] = [];
    const accepted: EventBody[] = [];
    const numbersInBatch = new Set<string>();
    for (const t of [...tickets].sort((a, b) => a.issuedAt - b.issuedAt)) {
      if (this.queue.ticket(t.id) || this.#ticketById.get(t.id)) {
        results.push({ id: t.id, outcome: 'duplicate' });
        continue;
      }
      if (this.#cancelledId.get(t.id)) {
        results.push({ id: t.id, outcome: 'rejected', reason: 'cancelled by its kiosk' });
        continue;
      }
      const service = this.index.services.get(t.serviceId);
      const day = centerDay(t.issuedAt, this.center.hours);
      const [prefix, digits] = t.number.split('-') as [string, string];
      const reason = !service
        ? `unknown service "${t.serviceId}"`
        : t.issuedAt > now + 5 * 60_000
          ? 'issued in the future'
          : day !== this.day
            ? `issued on another center day (${day})`
            : /^[A-Z]+$/.test(prefix) && prefix !== service.prefix
              ? `number ${t.number} does not belong to service ${service.code}`
              : this.#ticketByNumber.get(day, t.number) || numbersInBatch.has(t.number)
                ? `number ${t.number} is already taken today`
                : null;
      if (reason) {
        results.push({ id: t.id, outcome: 'rejected', reason });
        continue;
      }
      numbersInBatch.add(t.number);
      const ticket = {
        id: t.id,
        number: t.number,
        prefix,
        seq: Number(digits),
        day,
        serviceId: service!.id,
        language: t.language,
        priority: t.priorityReason ? PriorityClass.Priority : PriorityClass.Regular,
        priorityReason: t.priorityReason ?? null,
        appointmentAt: null,
        issuedAt: t.issuedAt,
        kioskId,
        offline: true,
      };
      this.queue.issue(ticket);
      accepted.push({ type: 'ticket.issued', hallId: service!.hallId, ticket });
      results.push({ id: t.id, outcome: 'accepted' });
    }
    if (accepted.length) this.commit(accepted, now);
    return { results };
  }

  /** Reserves blocks of numbers for a kiosk's offline issuing, one per service prefix. */
  lease(kioskId: string, serviceIds: readonly string[], size: number): z.infer<typeof NumberLeaseView>[] {
    const now = this.clock();
    return this.#run(now, () => {
      const prefixes = new Set<string>();
      for (const id of serviceIds) {
        const s = this.index.services.get(id);
        if (!s) throw new InvalidTicketError('-', `unknown service "${id}"`);
        prefixes.add(s.prefix);
      }
      const leases = [...prefixes].map((prefix) =>
        this.numbers.lease(randomUUID(), kioskId, prefix, this.day, size),
      );
      return {
        events: leases.map((lease) => ({ type: 'lease.granted' as const, hallId: null, lease })),
        result: leases,
      };
    });
  }

  /**
   * A kiosk cancels a ticket the server may never have seen (its request timed out): the id is
   * remembered so that the request, arriving late, cannot create it.
   */
  cancelUnseen(ticketId: string, kioskId: string): void {
    if (this.queue.ticket(ticketId) || this.#ticketById.get(ticketId)) return;
    this.db
      .prepare('INSERT OR IGNORE INTO cancelled_ids (id, kiosk_id, at) VALUES (?, ?, ?)')
      .run(ticketId, kioskId, this.clock());
  }

  cancel(ticketId: string): TicketView {
    const now = this.clock();
    return this.#run(now, () => {
      const t = this.queue.cancel(ticketId, now);
      return {
        events: [
          {
            type: 'ticket.cancelled',
            hallId: this.index.services.get(t.serviceId)!.hallId,
            ticketId,
            number: t.number,
          },
        ],
        result: this.view(t),
      };
    });
  }

  // ── Counters ──────────────────────────────────────────────────────────────

  counterView(c: CounterState): CounterView {
    const ticket = c.ticketId ? this.queue.ticket(c.ticketId) : undefined;
    return {
      id: c.id,
      number: c.number,
      hallId: c.hallId,
      status: c.status,
      staffId: c.staffId,
      ticketId: c.ticketId,
      ticketNumber: ticket?.number ?? null,
    };
  }

  /** One counter command from staff (`staffId`) or the counter's board (`staffId` null). */
  counterCommand(counterId: string, staffId: string | null, cmd: CounterCommand): CounterCommandResult {
    const now = this.clock();
    return this.#run(now, () => {
      const counter = this.queue.counter(counterId);
      if (staffId !== null && cmd.action !== 'open' && counter.staffId !== staffId)
        throw new CounterStateError(
          counterId,
          'staff-elsewhere',
          'another staff member works at this counter',
        );
      const at = { counterId, counterNumber: counter.number, hallId: counter.hallId };
      /** The fields every event about the ticket at this counter carries. */
      const about = (t: Ticket) => ({ ...at, ticketId: t.id, number: t.number, serviceId: t.serviceId });
      const events: EventBody[] = [];
      let called: CounterCommandResult['called'] = null;
      switch (cmd.action) {
        case 'open':
          this.queue.openCounter(counterId, staffId, now);
          events.push({ type: 'counter.opened', ...at, staffId });
          break;
        case 'pause':
          this.queue.pauseCounter(counterId, now);
          events.push({ type: 'counter.paused', ...at, staffId: counter.staffId });
          break;
        case 'close':
          this.queue.closeCounter(counterId, now);
          events.push({ type: 'counter.closed', ...at, staffId });
          break;
        case 'call-next':
        case 'call-ticket': {
          const r =
            cmd.action === 'call-next'
              ? this.queue.callNext(counterId, now)
              : this.queue.callTicket(counterId, cmd.ticketId, now);
          if (!r) break;
          called = { ticketId: r.ticket.id, number: r.ticket.number, reason: r.reason };
          events.push({
            type: 'ticket.called',
            ...about(r.ticket),
            reason: r.reason,
            // After the call the streak counts it when it was privileged; replays need the flag.
            privileged: !r.outOfOrder && counter.privilegedStreak > 0,
            outOfOrder: r.outOfOrder,
            staffId: counter.staffId,
          });
          break;
        }
        case 'recall':
          events.push({ type: 'ticket.recalled', ...about(this.queue.recall(counterId, now)) });
          break;
        case 'start':
          events.push({ type: 'ticket.started', ...about(this.queue.start(counterId, now)) });
          break;
        case 'finish':
          events.push({ type: 'ticket.finished', ...about(this.queue.finish(counterId, now)) });
          break;
        case 'no-show':
          events.push({ type: 'ticket.no-show', ...about(this.queue.noShow(counterId, now)) });
          break;
        case 'transfer': {
          const held = counter.ticketId === null ? undefined : this.queue.ticket(counter.ticketId);
          if (!held) throw new CounterStateError(counterId, 'idle', 'no ticket in hand');
          const before = about(held);
          const keep = cmd.keepWaitingTime ?? this.center.rules.transferKeepsWaitingTime;
          this.queue.transfer(counterId, cmd.to, now, keep);
          events.push({
            type: 'ticket.transferred',
            ...before,
            toServiceId: 'serviceId' in cmd.to ? cmd.to.serviceId : null,
            toCounterId: 'counterId' in cmd.to ? cmd.to.counterId : null,
            keepWaitingTime: keep,
          });
          break;
        }
      }
      return { events, result: { counter: this.counterView(counter), called } };
    });
  }

  snapshot(hallIds: readonly string[] | null): Snapshot {
    this.#ensureDay(this.clock());
    const inHall = (h: string) => hallIds === null || hallIds.includes(h);
    return {
      seq: this.log.lastSeq(),
      counters: [...this.queue.counters()].filter((c) => inHall(c.hallId)).map((c) => this.counterView(c)),
      recentCalls: this.#recentCalls.filter((c) => inHall(c.hallId)),
    };
  }
}

/** A stored row as the event it records. */
export function toEvent(row: StoredEvent): CenterEvent {
  return { ...(JSON.parse(row.payload) as EventBody), seq: row.seq, at: row.at };
}
