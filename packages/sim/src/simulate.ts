import {
  CenterQueue,
  centerDay,
  centerInstant,
  estimateNewTicket,
  formatTicketNumber,
  HandlingStats,
  localTime,
  minutesOf,
  naiveEstimate,
  NumberAllocator,
  PriorityClass,
  PriorityReason,
  type Service,
  type WaitEstimate,
} from '@novbe/core';
import { EventQueue } from './event-queue';
import { Random } from './random';
import type { Scenario } from './scenario';

const MIN = 60_000;

/** What happened to one ticket, with what each estimator said when it was issued. */
export interface TicketRecord {
  readonly id: string;
  readonly serviceId: string;
  readonly priority: PriorityClass;
  readonly issuedAt: number;
  firstCalledAt: number | null;
  /** Our estimate at issue; null when no counter serving the service was working. */
  readonly estimate: WaitEstimate | null;
  readonly naiveMs: number;
  outcome: 'done' | 'no-show' | 'waiting';
}

export interface CounterRecord {
  readonly id: string;
  readonly number: number;
  served: number;
  busyMs: number;
  breakMs: number;
  lastEndAt: number;
  closedAllDay: boolean;
}

export interface SimulationResult {
  readonly scenario: Scenario;
  readonly opensAt: number;
  readonly closesAt: number;
  readonly tickets: readonly TicketRecord[];
  readonly counters: readonly CounterRecord[];
  readonly transfers: number;
  /** Calls of the dispatcher and the time spent in them (ns). */
  readonly dispatch: { readonly decisions: number; readonly totalNs: number };
  /** Wall time of the whole simulated day, estimates included. */
  readonly wallMs: number;
}

type SimEvent =
  | { kind: 'arrive'; serviceId: string; priority: PriorityClass; appointmentAt: number | null }
  | { kind: 'start'; counterId: string }
  | { kind: 'recall'; counterId: string }
  | { kind: 'release'; counterId: string; how: 'finish' | 'no-show' | 'transfer'; toServiceId?: string }
  | { kind: 'break-start'; counterId: string; minutes: number }
  | { kind: 'break-end'; counterId: string };

export interface SimulateOptions {
  /** Compute our estimate for each new ticket (the costly part); on by default. */
  readonly estimate?: boolean;
}

/**
 * Runs one center day, event by event, through the real queue core: arrivals, dispatch,
 * walking up, service, no-shows, transfers, breaks; and measures both wait estimators.
 */
export function simulateDay(s: Scenario, options: SimulateOptions = {}): SimulationResult {
  const wallStart = performance.now();
  const { center } = s;
  const rng = new Random(s.seed);
  const queue = new CenterQueue(center);
  const stats = new HandlingStats(center);
  const numbers = new NumberAllocator();
  const services = new Map(center.services.map((x) => [x.id, x]));
  const weekday = localTime(
    centerInstant(s.date, '12:00', center.hours.timeZone),
    center.hours.timeZone,
  ).weekday;
  const hours = center.hours.week[weekday];
  if (!hours) throw new Error(`the center is closed on ${s.date}`);
  const opensAt = centerInstant(s.date, hours.open, center.hours.timeZone);
  const closesAt = centerInstant(s.date, hours.close, center.hours.timeZone);
  const day = centerDay(opensAt, center.hours);
  const events = new EventQueue<SimEvent>();

  scheduleArrivals(s, rng, services, opensAt, closesAt, events);

  const counters = new Map<string, CounterRecord>();
  const idle = new Set<string>();
  const callStartedAt = new Map<string, number>();
  const pendingBreak = new Map<string, number>();
  const breakStartedAt = new Map<string, number>();
  const closed = new Set(s.closedCounters);
  const working = center.counters.filter((c) => !closed.has(c.number));
  for (const c of center.counters) {
    counters.set(c.id, {
      id: c.id,
      number: c.number,
      served: 0,
      busyMs: 0,
      breakMs: 0,
      lastEndAt: opensAt,
      closedAllDay: closed.has(c.number),
    });
  }
  working.forEach((c, i) => {
    queue.openCounter(c.id, null, opensAt);
    idle.add(c.id);
    // Lunch in four staggered waves, so three quarters of the counters keep working.
    const lunchAt = centerInstant(s.date, s.lunchFrom, center.hours.timeZone) + (i % 4) * s.lunchMin * MIN;
    events.push(lunchAt, { kind: 'break-start', counterId: c.id, minutes: s.lunchMin });
    for (let b = 0; b < s.shortBreaks; b++) {
      const at = opensAt + rng.uniform(60, minutesOf(hours.close) - minutesOf(hours.open) - 60) * MIN;
      events.push(at, { kind: 'break-start', counterId: c.id, minutes: s.shortBreakMin });
    }
  });

  const records = new Map<string, TicketRecord>();
  let decisions = 0;
  let totalNs = 0;
  let transfers = 0;
  let issued = 0;

  const callNext = (counterId: string, now: number): boolean => {
    const t0 = process.hrtime.bigint();
    const call = queue.callNext(counterId, now);
    totalNs += Number(process.hrtime.bigint() - t0);
    decisions++;
    if (!call) {
      idle.add(counterId);
      return false;
    }
    idle.delete(counterId);
    const record = records.get(call.ticket.id)!;
    record.firstCalledAt ??= now;
    callStartedAt.set(counterId, now);
    if (rng.chance(s.noShowRate)) {
      events.push(now + MIN, { kind: 'recall', counterId });
      events.push(now + s.noShowWaitMin * MIN, { kind: 'release', counterId, how: 'no-show' });
      return true;
    }
    const service = services.get(call.ticket.serviceId)!;
    const walk = rng.uniform(s.walkMin[0], s.walkMin[1]) * MIN;
    const mean = service.expectedHandlingMin * s.handlingScale * (s.handlingBias[service.id] ?? 1) * MIN;
    const handling = rng.logNormal(mean, s.handlingCv);
    events.push(now + walk, { kind: 'start', counterId });
    const siblings = center.services.filter((x) => x.agencyId === service.agencyId && x.id !== service.id);
    if (siblings.length && call.ticket.transfers === 0 && rng.chance(s.transferRate)) {
      events.push(now + walk + handling / 2, {
        kind: 'release',
        counterId,
        how: 'transfer',
        toServiceId: rng.pick(siblings).id,
      });
    } else {
      events.push(now + walk + handling, { kind: 'release', counterId, how: 'finish' });
    }
    return true;
  };

  /** Idle counters that serve a service try to call, until its line is empty. */
  const wakeIdle = (serviceId: string, now: number) => {
    for (const c of queue.index.countersByService.get(serviceId) ?? []) {
      if (queue.waiting.waitingIn(serviceId) === 0) return;
      if (idle.has(c.id)) callNext(c.id, now);
    }
  };

  const startBreak = (counterId: string, minutes: number, now: number) => {
    queue.pauseCounter(counterId, now);
    idle.delete(counterId);
    breakStartedAt.set(counterId, now);
    events.push(now + minutes * MIN, { kind: 'break-end', counterId });
  };

  for (let e = events.pop(); e; e = events.pop()) {
    const { at: now, event } = e;
    switch (event.kind) {
      case 'arrive': {
        const estimate = options.estimate === false ? null : estimateNewTicket(queue, stats, event, now);
        const naiveMs = naiveEstimate(queue, stats, event.serviceId);
        const service = services.get(event.serviceId)!;
        const id = `T${String(++issued).padStart(5, '0')}`;
        const ticket = queue.issue({
          id,
          number: formatTicketNumber(service.prefix, numbers.next(service.prefix, day)),
          day,
          serviceId: event.serviceId,
          language: rng.pick(['az', 'az', 'az', 'ru', 'en'] as const),
          priority: event.priority,
          priorityReason:
            event.priority === PriorityClass.Priority ? rng.pick(Object.values(PriorityReason)) : null,
          appointmentAt: event.appointmentAt,
          issuedAt: now,
        });
        records.set(id, {
          id,
          serviceId: ticket.serviceId,
          priority: ticket.priority,
          issuedAt: now,
          firstCalledAt: null,
          estimate,
          naiveMs,
          outcome: 'waiting',
        });
        wakeIdle(event.serviceId, now);
        break;
      }
      case 'start':
        queue.start(event.counterId, now);
        break;
      case 'recall':
        queue.recall(event.counterId, now);
        break;
      case 'release': {
        const counter = counters.get(event.counterId)!;
        const ticketId = queue.counter(event.counterId).ticketId!;
        const ticket = queue.ticket(ticketId)!;
        const occupied = now - callStartedAt.get(event.counterId)!;
        stats.observe(ticket.serviceId, occupied);
        counter.busyMs += occupied;
        counter.lastEndAt = now;
        if (event.how === 'no-show') {
          queue.noShow(event.counterId, now);
          records.get(ticketId)!.outcome = 'no-show';
        } else if (event.how === 'transfer') {
          queue.transfer(event.counterId, { serviceId: event.toServiceId! }, now);
          transfers++;
          counter.served++;
          wakeIdle(event.toServiceId!, now);
        } else {
          queue.finish(event.counterId, now);
          records.get(ticketId)!.outcome = 'done';
          counter.served++;
        }
        const breakMinutes = pendingBreak.get(event.counterId);
        if (breakMinutes !== undefined) {
          pendingBreak.delete(event.counterId);
          startBreak(event.counterId, breakMinutes, now);
        } else {
          callNext(event.counterId, now);
        }
        break;
      }
      case 'break-start': {
        const state = queue.counter(event.counterId);
        if (state.status !== 'open' || pendingBreak.has(event.counterId)) break; // already away
        if (state.ticketId !== null) pendingBreak.set(event.counterId, event.minutes);
        else startBreak(event.counterId, event.minutes, now);
        break;
      }
      case 'break-end': {
        counters.get(event.counterId)!.breakMs += now - breakStartedAt.get(event.counterId)!;
        queue.openCounter(event.counterId, null, now);
        callNext(event.counterId, now);
        break;
      }
    }
  }

  return {
    scenario: s,
    opensAt,
    closesAt,
    tickets: [...records.values()],
    counters: [...counters.values()],
    transfers,
    dispatch: { decisions, totalNs },
    wallMs: performance.now() - wallStart,
  };
}

function scheduleArrivals(
  s: Scenario,
  rng: Random,
  services: ReadonlyMap<string, Service>,
  opensAt: number,
  closesAt: number,
  events: EventQueue<SimEvent>,
): void {
  const all = [...services.values()];
  const mix = all.map((x) => s.serviceMix[x.id] ?? 1);
  const bookable = all.filter((x) => x.appointmentSlotMin);
  const bookableMix = bookable.map((x) => s.serviceMix[x.id] ?? 1);
  const hourMs = 60 * MIN;
  const hours = Math.min(s.arrivalsByHour.length, Math.ceil((closesAt - opensAt) / hourMs));
  const curve = s.arrivalsByHour.slice(0, hours);
  const window = s.center.rules.appointmentWindow;
  for (let i = 0; i < s.totalTickets; i++) {
    if (bookable.length && rng.chance(s.appointmentShare)) {
      const service = bookable[rng.weighted(bookableMix)]!;
      const slotMs = service.appointmentSlotMin! * MIN;
      const slots = Math.floor((closesAt - opensAt - hourMs) / slotMs);
      const slotAt = opensAt + 30 * MIN + Math.floor(rng.next() * slots) * slotMs;
      // Citizens come a little early, a few a little late, all inside the arrival window.
      const arriveAt = Math.max(opensAt, slotAt + rng.uniform(-window.earlyMin, window.lateMin / 2) * MIN);
      events.push(arriveAt, {
        kind: 'arrive',
        serviceId: service.id,
        priority: PriorityClass.Appointment,
        appointmentAt: slotAt,
      });
      continue;
    }
    const hour = rng.weighted(curve);
    const at = Math.min(closesAt - 1, opensAt + (hour + rng.next()) * hourMs);
    const priority = rng.chance(s.priorityShare) ? PriorityClass.Priority : PriorityClass.Regular;
    events.push(at, { kind: 'arrive', serviceId: all[rng.weighted(mix)]!.id, priority, appointmentAt: null });
  }
}
