import { CenterIndex, type Center } from './center';
import {
  CounterStatus,
  type CallResult,
  type CounterState,
  type IssueInput,
  type TransferTarget,
} from './queue-types';
import { CallReason, DispatchState, type DispatchPolicy, type Selection } from './dispatch';
import { CounterStateError, DuplicateTicketError, InvalidTicketError, UnknownEntityError } from './errors';
import { isAtCounter, isWaiting, nextStatus, PriorityClass, TicketAction, type Ticket } from './ticket';

/**
 * The live queue of one center: tickets, counters and dispatch, applying the ticket lifecycle
 * and the center's rules. Pure and synchronous; every call takes the time as an argument. The
 * server drives it from its event log; the simulation drives it directly.
 */
export class CenterQueue {
  readonly index: CenterIndex;
  readonly policy: DispatchPolicy;
  readonly #tickets = new Map<string, Ticket>();
  readonly #counters = new Map<string, CounterState>();
  readonly #dispatch = new DispatchState();

  constructor(center: Center | CenterIndex) {
    this.index = center instanceof CenterIndex ? center : new CenterIndex(center);
    const index = this.index;
    this.policy = {
      privilegedPerRegular: index.center.rules.privilegedPerRegular,
      maxWaitMs: (serviceId) => index.maxWaitMs(serviceId),
    };
    for (const c of index.center.counters) {
      this.#counters.set(c.id, {
        id: c.id,
        number: c.number,
        hallId: c.hallId,
        status: CounterStatus.Closed,
        staffId: null,
        ticketId: null,
        privilegedStreak: 0,
        since: 0,
      });
    }
  }

  get center(): Center {
    return this.index.center;
  }

  ticket(id: string): Ticket | undefined {
    return this.#tickets.get(id);
  }

  tickets(): IterableIterator<Ticket> {
    return this.#tickets.values();
  }

  counter(id: string): CounterState {
    const c = this.#counters.get(id);
    if (!c) throw new UnknownEntityError('counter', id);
    return c;
  }

  counters(): IterableIterator<CounterState> {
    return this.#counters.values();
  }

  /** The waiting tickets, arranged for dispatch. Read it; clone it to project. */
  get waiting(): DispatchState {
    return this.#dispatch;
  }

  /**
   * Adds a ticket to the queue. Idempotent by ticket id: the same ticket again returns the
   * stored one; another ticket under a known id is a `DuplicateTicketError`.
   */
  issue(input: IssueInput): Ticket {
    const existing = this.checkIssue(input);
    if (existing) return existing;
    const priority = input.priority ?? PriorityClass.Regular;
    const appointmentAt = input.appointmentAt ?? null;
    const ticket: Ticket = {
      id: input.id,
      number: input.number,
      day: input.day,
      language: input.language,
      priority,
      priorityReason: input.priorityReason ?? null,
      appointmentAt: priority === PriorityClass.Appointment ? appointmentAt : null,
      issuedAt: input.issuedAt,
      status: 'issued',
      serviceId: input.serviceId,
      targetCounterId: null,
      queuedAt: input.issuedAt,
      counterId: null,
      calledAt: null,
      firstCalledAt: null,
      recalls: 0,
      startedAt: null,
      endedAt: null,
      transfers: 0,
    };
    this.#tickets.set(ticket.id, ticket);
    this.#dispatch.enqueue(ticket);
    return ticket;
  }

  /** Staff opens a counter; one person works at one counter at a time. */
  openCounter(counterId: string, staffId: string | null, now: number): CounterState {
    const counter = this.checkOpen(counterId, staffId);
    if (counter.status !== CounterStatus.Open) counter.since = now;
    counter.status = CounterStatus.Open;
    counter.staffId = staffId ?? counter.staffId;
    return counter;
  }

  /** A pause stops calls; the ticket in hand can still be finished. */
  pauseCounter(counterId: string, now: number): CounterState {
    const counter = this.checkPause(counterId);
    if (counter.status !== CounterStatus.Paused) counter.since = now;
    counter.status = CounterStatus.Paused;
    return counter;
  }

  closeCounter(counterId: string, now: number): CounterState {
    const counter = this.checkClose(counterId);
    if (counter.status !== CounterStatus.Closed) counter.since = now;
    counter.status = CounterStatus.Closed;
    counter.staffId = null;
    counter.privilegedStreak = 0;
    return counter;
  }

  /** Calls the next ticket by the dispatch rules, or returns null when none waits for it. */
  callNext(counterId: string, now: number): CallResult | null {
    const selection = this.selectNext(counterId, now);
    return selection && this.#call(this.counter(counterId), selection, false, now);
  }

  /** Calls one waiting ticket out of order, e.g. a citizen staff sees in the hall. */
  callTicket(counterId: string, ticketId: string, now: number): CallResult {
    return this.#call(this.counter(counterId), this.selectTicket(counterId, ticketId), true, now);
  }

  /**
   * Repeats a call decided earlier (replaying the event log): the same ticket, the same
   * effect on the counter's run of privileged calls.
   */
  replayCall(
    counterId: string,
    ticketId: string,
    privileged: boolean,
    outOfOrder: boolean,
    now: number,
  ): CallResult {
    const counter = this.#readyToCall(counterId);
    const ticket = this.#ticket(ticketId);
    const reason = outOfOrder ? CallReason.Specific : CallReason.Regular;
    return this.#call(counter, { ticket, reason, privileged }, outOfOrder, now);
  }

  /** Calls the ticket in hand again (the citizen has not come up yet). */
  recall(counterId: string, now: number): Ticket {
    const ticket = this.checkHeld(counterId, TicketAction.Recall);
    ticket.status = nextStatus(ticket.id, ticket.status, TicketAction.Recall);
    ticket.recalls += 1;
    ticket.calledAt = now;
    return ticket;
  }

  /** The citizen has come up: service begins. */
  start(counterId: string, now: number): Ticket {
    const ticket = this.checkHeld(counterId, TicketAction.Start);
    ticket.status = nextStatus(ticket.id, ticket.status, TicketAction.Start);
    ticket.startedAt = now;
    return ticket;
  }

  finish(counterId: string, now: number): Ticket {
    return this.#release(counterId, TicketAction.Finish, now);
  }

  noShow(counterId: string, now: number): Ticket {
    return this.#release(counterId, TicketAction.NoShow, now);
  }

  /**
   * Sends the ticket in hand to another service or to one counter. It keeps its number; it
   * keeps its waiting time when the center's rule says so (or `keepWaitingTime` overrides).
   */
  transfer(counterId: string, target: TransferTarget, now: number, keepWaitingTime?: boolean): Ticket {
    const ticket = this.checkTransfer(counterId, target);
    this.#release(counterId, TicketAction.Transfer, now);
    if ('serviceId' in target) {
      ticket.serviceId = target.serviceId;
      ticket.targetCounterId = null;
    } else {
      ticket.targetCounterId = target.counterId;
    }
    ticket.transfers += 1;
    ticket.endedAt = null;
    if (!(keepWaitingTime ?? this.center.rules.transferKeepsWaitingTime)) ticket.queuedAt = now;
    this.#dispatch.enqueue(ticket);
    return ticket;
  }

  /** The citizen gives up a waiting ticket (at the kiosk, by SMS, by the QR page). */
  cancel(ticketId: string, now: number): Ticket {
    const ticket = this.checkCancel(ticketId);
    ticket.status = nextStatus(ticket.id, ticket.status, TicketAction.Cancel);
    ticket.endedAt = now;
    this.#dispatch.remove(ticket.id);
    return ticket;
  }

  // ── Checks: what a change would do, refused as it would be; they change nothing ──────────
  // A caller that must decide before it may change anything (the server commits an event
  // first, then applies it) asks these; each change above runs its check first.

  /** The ticket `issue` would return as it is (the same ticket again), or null for a new one. */
  checkIssue(input: IssueInput): Ticket | null {
    const existing = this.#tickets.get(input.id);
    if (existing) {
      if (existing.number !== input.number)
        throw new DuplicateTicketError(input.id, `already issued as ${existing.number}`);
      return existing;
    }
    if (!this.index.services.has(input.serviceId)) throw new UnknownEntityError('service', input.serviceId);
    if (input.priority === PriorityClass.Appointment && (input.appointmentAt ?? null) === null)
      throw new InvalidTicketError(input.id, 'an appointment ticket needs its slot time');
    return null;
  }

  /** The counter `openCounter` would open. */
  checkOpen(counterId: string, staffId: string | null): CounterState {
    const counter = this.counter(counterId);
    if (staffId !== null) {
      for (const other of this.#counters.values()) {
        if (other !== counter && other.staffId === staffId && other.status !== CounterStatus.Closed)
          throw new CounterStateError(
            counterId,
            'staff-elsewhere',
            `staff ${staffId} is at counter ${other.number}`,
          );
      }
    }
    return counter;
  }

  /** The counter `pauseCounter` would pause. */
  checkPause(counterId: string): CounterState {
    const counter = this.counter(counterId);
    if (counter.status === CounterStatus.Closed) throw new CounterStateError(counterId, 'not-open');
    return counter;
  }

  /** The counter `closeCounter` would close. */
  checkClose(counterId: string): CounterState {
    const counter = this.counter(counterId);
    if (counter.ticketId !== null)
      throw new CounterStateError(counterId, 'busy', 'finish the ticket in hand before closing');
    return counter;
  }

  /** The call `callNext` would make now, or null when no ticket waits for the counter. */
  selectNext(counterId: string, now: number): Selection | null {
    const counter = this.#readyToCall(counterId);
    const profile = this.index.counters.get(counterId)!;
    return this.#dispatch.select(profile, counter.privilegedStreak, now, this.policy);
  }

  /** The call `callTicket` would make. */
  selectTicket(counterId: string, ticketId: string): Selection {
    this.#readyToCall(counterId);
    const ticket = this.#ticket(ticketId);
    if (!isWaiting(ticket.status)) nextStatus(ticket.id, ticket.status, TicketAction.Call);
    const serves =
      ticket.targetCounterId === counterId ||
      (ticket.targetCounterId === null &&
        this.index.counters.get(counterId)!.services.some((s) => s.serviceId === ticket.serviceId));
    if (!serves)
      throw new CounterStateError(
        counterId,
        'not-serving-service',
        `counter does not serve ticket ${ticket.number}`,
      );
    return { ticket, reason: CallReason.Specific, privileged: false };
  }

  /** The ticket in hand that `action` (recall, start, finish, no-show, transfer) would move. */
  checkHeld(counterId: string, action: TicketAction): Ticket {
    const ticket = this.#held(counterId);
    nextStatus(ticket.id, ticket.status, action);
    return ticket;
  }

  /** The ticket `transfer` would send on. */
  checkTransfer(counterId: string, target: TransferTarget): Ticket {
    const ticket = this.checkHeld(counterId, TicketAction.Transfer);
    if ('serviceId' in target) {
      if (!this.index.services.has(target.serviceId))
        throw new UnknownEntityError('service', target.serviceId);
    } else if (!this.index.counters.has(target.counterId)) {
      throw new UnknownEntityError('counter', target.counterId);
    }
    return ticket;
  }

  /** The ticket `cancel` would cancel. */
  checkCancel(ticketId: string): Ticket {
    const ticket = this.#ticket(ticketId);
    nextStatus(ticket.id, ticket.status, TicketAction.Cancel);
    return ticket;
  }

  #ticket(id: string): Ticket {
    const t = this.#tickets.get(id);
    if (!t) throw new UnknownEntityError('ticket', id);
    return t;
  }

  #readyToCall(counterId: string): CounterState {
    const counter = this.counter(counterId);
    if (counter.status !== CounterStatus.Open) throw new CounterStateError(counterId, 'not-open');
    if (counter.ticketId !== null)
      throw new CounterStateError(counterId, 'busy', 'finish the ticket in hand before calling another');
    return counter;
  }

  #call(counter: CounterState, selection: Selection, outOfOrder: boolean, now: number): CallResult {
    const { ticket } = selection;
    ticket.status = nextStatus(ticket.id, ticket.status, TicketAction.Call);
    this.#dispatch.remove(ticket.id);
    ticket.counterId = counter.id;
    ticket.targetCounterId = null;
    ticket.calledAt = now;
    ticket.firstCalledAt ??= now;
    ticket.recalls = 0;
    counter.ticketId = ticket.id;
    if (!outOfOrder) counter.privilegedStreak = selection.privileged ? counter.privilegedStreak + 1 : 0;
    return { ticket, counterId: counter.id, reason: selection.reason, outOfOrder };
  }

  #held(counterId: string): Ticket {
    const counter = this.counter(counterId);
    if (counter.ticketId === null) throw new CounterStateError(counterId, 'idle', 'no ticket in hand');
    return this.#ticket(counter.ticketId);
  }

  #release(counterId: string, action: TicketAction, now: number): Ticket {
    const ticket = this.checkHeld(counterId, action);
    ticket.status = nextStatus(ticket.id, ticket.status, action);
    ticket.endedAt = now;
    this.counter(counterId).ticketId = null;
    return ticket;
  }
}

/** Tickets held by counters right now: for projections and dashboards. */
export function ticketsAtCounters(queue: CenterQueue): Ticket[] {
  const out: Ticket[] = [];
  for (const c of queue.counters()) {
    const t = c.ticketId === null ? undefined : queue.ticket(c.ticketId);
    if (t && isAtCounter(t.status)) out.push(t);
  }
  return out;
}
