import {
  assertNever,
  CenterQueue,
  centerDay,
  centerDayBounds,
  HandlingStats,
  NumberAllocator,
  type CenterIndex,
} from '@novbe/core';
import type { CenterEvent, Snapshot } from '@novbe/protocol';

export type RecentCall = Snapshot['recentCalls'][number];

/** How many calls a snapshot shows. */
const RECENT_CALLS = 20;

/**
 * The memory of one center day under one configuration: the core queue, the numbering,
 * handling times and recent calls. Only committed events change it (`applyEvent`).
 */
export interface DayMemory {
  readonly index: CenterIndex;
  /** The center day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly bounds: { readonly start: number; readonly end: number };
  readonly queue: CenterQueue;
  readonly numbers: NumberAllocator;
  readonly stats: HandlingStats;
  /** When each counter's current call began: the handling time ends with the ticket. */
  readonly callStartedAt: Map<string, number>;
  /** Newest first. */
  readonly recentCalls: RecentCall[];
}

/** The empty memory of the center day holding `now`, under `index`. */
export function startDay(index: CenterIndex, now: number): DayMemory {
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

/**
 * Applies one committed event, live or replayed: the same code both ways, so memory is what a
 * replay of the log makes it. An event that does not fit (a call of a ticket never issued)
 * throws before anything changes: the core checks each change before making it.
 */
export function applyEvent(m: DayMemory, e: CenterEvent): void {
  applyToQueue(m.queue, e);
  track(m, e);
}

/** Whether an event changes what counters do (and so every wait estimate). */
export function movesCounters(e: CenterEvent): boolean {
  return e.type !== 'ticket.issued' && e.type !== 'lease.granted';
}

function applyToQueue(q: CenterQueue, e: CenterEvent): void {
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

/** What memory keeps beside the queue: numbering, handling times, recent calls. */
function track(m: DayMemory, e: CenterEvent): void {
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
        ticketId: e.ticketId,
        number: e.number,
        counterId: e.counterId,
        counterNumber: e.counterNumber,
        hallId: e.hallId,
        at: e.at,
        ...(e.language ? { language: e.language } : {}),
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

/**
 * The whole of a day's memory as plain data: what a replay of the log must reproduce exactly
 * (tests compare a running server's memory with a fresh replay of its database).
 */
export function describeMemory(m: DayMemory) {
  return {
    center: m.index.center.id,
    day: m.day,
    bounds: m.bounds,
    tickets: [...m.queue.tickets()],
    counters: [...m.queue.counters()],
    waiting: [...m.queue.waiting.tickets()].map((t) => t.id),
    numbers: m.numbers.snapshot(),
    handling: m.index.center.services.map((s) => [s.id, m.stats.mean(s.id)] as const),
    callStartedAt: [...m.callStartedAt],
    recentCalls: m.recentCalls,
  };
}
