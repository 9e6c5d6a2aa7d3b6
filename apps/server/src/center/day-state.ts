import {
  assertNever,
  CenterQueue,
  centerDay,
  centerDayBounds,
  estimateNewTickets,
  HandlingStats,
  NumberAllocator,
  type CenterIndex,
  type CounterState,
  type PriorityClass,
  type ServiceGroup,
  type Ticket,
  type WaitEstimate,
} from '@novbe/core';
import type { CenterEvent, Snapshot } from '@novbe/protocol';

type RecentCall = Snapshot['recentCalls'][number];

/** How many calls a snapshot shows. */
const RECENT_CALLS = 20;

/** What a command changes: the core queue validates every change, the allocator numbers. */
export interface DayChanges {
  readonly index: CenterIndex;
  /** The center day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly queue: CenterQueue;
  readonly numbers: NumberAllocator;
}

/** The memory of one center day; a new day, or a new configuration, starts a new one. */
interface Memory extends DayChanges {
  readonly bounds: { readonly start: number; readonly end: number };
  readonly stats: HandlingStats;
  /** When each counter's current call began: the handling time ends with the ticket. */
  readonly callStartedAt: Map<string, number>;
  /** Newest first. */
  readonly recentCalls: RecentCall[];
}

/** Every event at or after an instant, oldest first (the event log's). */
export type EventsFrom = (at: number) => Iterable<CenterEvent>;

/**
 * The current center day in memory: the core queue, the numbering, handling times and recent
 * calls, rebuilt by replaying the day's events from the log and kept in step with each event
 * committed after. Only commands change it, through `change`.
 */
export class DayState {
  #m: Memory;
  /** Bumped by every event but new tickets and leases: such events change every estimate. */
  #counterVersion = 0;

  constructor(index: CenterIndex, now: number, events: EventsFrom) {
    this.#m = startDay(index, now);
    this.#replay(events);
  }

  /** Starts over: the day holding `now`, under `index`, replayed from the log. */
  rebuild(index: CenterIndex, now: number, events: EventsFrom): void {
    this.#m = startDay(index, now);
    this.#replay(events);
  }

  #replay(events: EventsFrom): void {
    for (const e of events(this.#m.bounds.start)) {
      this.#apply(e);
      this.track(e);
    }
  }

  /** Runs a command's changes (see `DayChanges`); a failed commit rebuilds the day instead. */
  change<T>(command: (day: DayChanges) => T): T {
    const { index, day, queue, numbers } = this.#m;
    return command({ index, day, queue, numbers });
  }

  // ── Reads ────────────────────────────────────────────────────────────────

  get index(): CenterIndex {
    return this.#m.index;
  }

  /** The center day, `YYYY-MM-DD`. */
  get day(): string {
    return this.#m.day;
  }

  /** When this center day started. */
  get start(): number {
    return this.#m.bounds.start;
  }

  /** Whether `now` falls in this center day. */
  covers(now: number): boolean {
    return now >= this.#m.bounds.start && now < this.#m.bounds.end;
  }

  get counterVersion(): number {
    return this.#counterVersion;
  }

  ticket(id: string): Ticket | undefined {
    return this.#m.queue.ticket(id);
  }

  /** A counter's state; `UnknownEntityError` for an id the configuration lacks. */
  counter(id: string): CounterState {
    return this.#m.queue.counter(id);
  }

  counters(): IterableIterator<CounterState> {
    return this.#m.queue.counters();
  }

  waitingIn(serviceId: string): number {
    return this.#m.queue.waiting.waitingIn(serviceId);
  }

  waitingTotal(): number {
    return this.#m.queue.waiting.size;
  }

  /** The latest calls in the halls that `inHall` accepts, newest first. */
  recentCalls(inHall: (hallId: string) => boolean): RecentCall[] {
    return this.#m.recentCalls.filter((c) => inHall(c.hallId));
  }

  /** The observed mean counter time per call of a service, ms. */
  meanHandling(serviceId: string): number {
    return this.#m.stats.mean(serviceId);
  }

  /** A new ticket's estimated wait in each service and class of a group, projected now. */
  estimateNewTickets(
    group: ServiceGroup,
    now: number,
  ): ReadonlyMap<string, ReadonlyMap<PriorityClass, WaitEstimate>> {
    return estimateNewTickets(this.#m.queue, this.#m.stats, group, now);
  }

  // ── Events ───────────────────────────────────────────────────────────────

  /** Replays a committed event on the core queue (live commands have already done this). */
  #apply(e: CenterEvent): void {
    const q = this.#m.queue;
    switch (e.type) {
      case 'ticket.issued':
        q.issue(e.ticket);
        return;
      case 'ticket.called':
        q.replayCall(e.counterId, e.ticketId, e.privileged, e.outOfOrder, e.at);
        return;
      case 'ticket.recalled':
        q.recall(e.counterId, e.at);
        return;
      case 'ticket.started':
        q.start(e.counterId, e.at);
        return;
      case 'ticket.finished':
        q.finish(e.counterId, e.at);
        return;
      case 'ticket.no-show':
        q.noShow(e.counterId, e.at);
        return;
      case 'ticket.transferred':
        q.transfer(e.counterId, e.to, e.at, e.keepWaitingTime);
        return;
      case 'ticket.cancelled':
        q.cancel(e.ticketId, e.at);
        return;
      case 'counter.opened':
      case 'counter.taken-over':
        q.openCounter(e.counterId, e.staffId, e.at);
        return;
      case 'counter.paused':
        q.pauseCounter(e.counterId, e.at);
        return;
      case 'counter.closed':
        q.closeCounter(e.counterId, e.at);
        return;
      case 'lease.granted':
      case 'device.paired':
      case 'device.revoked':
      case 'appointment.booked':
      case 'appointment.checked-in':
      case 'appointment.released':
      case 'appointment.cancelled':
      case 'config.changed':
        return;
      default:
        return assertNever(e, 'event');
    }
  }

  /**
   * What memory keeps beside the queue (numbering, handling times, recent calls), for every
   * committed event, live or replayed.
   */
  track(e: CenterEvent): void {
    const m = this.#m;
    if (e.type !== 'ticket.issued' && e.type !== 'lease.granted') this.#counterVersion++;
    switch (e.type) {
      case 'ticket.issued':
        // Kiosk-prefixed numbers (offline with no lease left) are outside the service's sequence.
        if (/^[A-Z]+$/.test(e.ticket.prefix)) m.numbers.reserve(e.ticket.prefix, e.ticket.day, e.ticket.seq);
        return;
      case 'lease.granted':
        m.numbers.reserve(e.lease.prefix, e.lease.day, e.lease.last);
        return;
      case 'ticket.called':
        m.callStartedAt.set(e.counterId, e.at);
        m.recentCalls.unshift({
          number: e.number,
          counterNumber: e.counterNumber,
          hallId: e.hallId,
          at: e.at,
        });
        if (m.recentCalls.length > RECENT_CALLS) m.recentCalls.length = RECENT_CALLS;
        return;
      case 'ticket.finished':
      case 'ticket.no-show':
      case 'ticket.transferred': {
        const started = m.callStartedAt.get(e.counterId);
        if (started !== undefined) m.stats.observe(e.serviceId, e.at - started);
        m.callStartedAt.delete(e.counterId);
        return;
      }
      case 'ticket.recalled':
      case 'ticket.started':
      case 'ticket.cancelled':
      case 'counter.opened':
      case 'counter.taken-over':
      case 'counter.paused':
      case 'counter.closed':
      case 'device.paired':
      case 'device.revoked':
      case 'appointment.booked':
      case 'appointment.checked-in':
      case 'appointment.released':
      case 'appointment.cancelled':
      case 'config.changed':
        return;
      default:
        return assertNever(e, 'event');
    }
  }
}

function startDay(index: CenterIndex, now: number): Memory {
  const day = centerDay(now, index.center.hours);
  return {
    index,
    day,
    bounds: centerDayBounds(day, index.center.hours),
    queue: new CenterQueue(index),
    numbers: new NumberAllocator(),
    stats: new HandlingStats(index.center),
    callStartedAt: new Map(),
    recentCalls: [],
  };
}
