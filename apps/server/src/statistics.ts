import {
  centerDay,
  centerDayBounds,
  localTime,
  percentile,
  type Center,
  type LocalizedText,
} from '@novbe/core';
import type { CenterEvent } from '@novbe/protocol';

const MINUTE = 60_000;

/** A half-open span of time, `from` ≤ event `at` < `to`, in ms since the epoch. */
export interface StatisticsRange {
  readonly from: number;
  readonly to: number;
}

export interface TicketTotals {
  /** `ticket.issued` events in the range (an offline ticket counts when the server got it). */
  readonly issued: number;
  /** Tickets called for the first time: the end of their wait. */
  readonly called: number;
  readonly served: number;
  readonly noShows: number;
  readonly cancelled: number;
  /** `ticket.transferred` events: a ticket sent on twice counts twice. */
  readonly transferred: number;
  readonly recalls: number;
  /** Of the tickets issued in the range: still waiting at `to` (including after a transfer). */
  readonly stillWaiting: number;
  /** Of the tickets issued in the range: called or being served at `to`. */
  readonly atCounter: number;
  /**
   * Of the tickets issued in the range: left waiting or at a counter when their center day
   * ended. The server starts every day afresh, so nobody can call them any more.
   */
  readonly unserved: number;
  readonly offlineIssued: number;
  /** offlineIssued ÷ issued, 0 when nothing was issued. */
  readonly offlineShare: number;
}

export interface ServiceStatistics {
  readonly serviceId: string;
  readonly code: string;
  readonly name: LocalizedText;
  /** Tickets issued for the service in the range. */
  readonly tickets: number;
  /** First calls in the range: the waits the figures below describe. */
  readonly called: number;
  /** Calls for this service that ended in `ticket.finished` (a transferred ticket counts where it ended). */
  readonly served: number;
  readonly noShows: number;
  /** noShows ÷ calls for this service that ended (finished, no-show or transferred). */
  readonly noShowRate: number;
  /** Issue to first call, minutes. */
  readonly meanWaitMin: number;
  readonly medianWaitMin: number;
  readonly p90WaitMin: number;
  /** Call to finish, no-show or transfer, minutes: the time a counter spent on the ticket. */
  readonly meanHandlingMin: number;
}

export interface CounterStatistics {
  readonly counterId: string;
  readonly number: number;
  readonly calls: number;
  readonly served: number;
  readonly noShows: number;
  readonly meanHandlingMin: number;
  /** Time holding a ticket (called or serving), within the range. */
  readonly busyMin: number;
  /** Time open within the range; a pause counts only while a ticket is still in hand. */
  readonly openMin: number;
  /** busy ÷ open, 0 when never open. */
  readonly utilisation: number;
}

export interface StaffStatistics {
  readonly staffId: string;
  /** The name in the center's configuration, or the id for someone no longer there. */
  readonly name: string;
  readonly calls: number;
  readonly served: number;
  readonly meanHandlingMin: number;
}

export interface HourStatistics {
  /** Hour of the day at the center, 0–23; rows of a multi-day range add the days up. */
  readonly hour: number;
  readonly issued: number;
  /** Tickets called for the first time in this hour. */
  readonly called: number;
  /** How long those tickets had waited. */
  readonly meanWaitMin: number;
}

export interface Statistics {
  readonly range: StatisticsRange;
  readonly timeZone: string;
  readonly totals: TicketTotals;
  /** Every configured service (then any unknown one the log names), in configuration order. */
  readonly services: ServiceStatistics[];
  /** Every configured counter (then any unknown one), by number. */
  readonly counters: CounterStatistics[];
  /** Staff who opened a counter or handled a call; calls with no staff known are left out. */
  readonly staff: StaffStatistics[];
  /** From the first to the last hour with activity, gaps included, so charts keep their scale. */
  readonly hours: HourStatistics[];
}

/**
 * The center's statistics for a time range, derived from its event log alone, so each figure
 * can be traced to the audit trail. Pass the events in log order from the start of the center
 * day that contains `from` (or earlier): earlier events only set the scene. For a live view
 * pass `to` = now, or open counters count as open until `to`.
 */
export function computeStatistics(
  events: Iterable<CenterEvent>,
  center: Center,
  options: StatisticsRange,
): Statistics {
  const { from, to } = options;
  if (!(Number.isFinite(from) && Number.isFinite(to) && from <= to))
    throw new RangeError(`statistics range must have from ≤ to, got ${from}..${to}`);
  const tally = new Tally(center, { from, to });
  for (const e of events) tally.apply(e);
  return tally.result();
}

// ── Tallying ──────────────────────────────────────────────────────────────────

type TicketPhase = 'waiting' | 'at-counter' | 'ended';

interface TicketTrack {
  /** Null when the log given starts after the ticket was issued. */
  issuedAt: number | null;
  day: string | null;
  issuedInRange: boolean;
  everCalled: boolean;
  phase: TicketPhase;
}

/** One stay of a ticket at a counter, from its call to its finish, no-show or transfer. */
interface Leg {
  readonly ticketId: string;
  readonly calledAt: number;
  readonly staffId: string | null;
}

class Mean {
  sum = 0;
  n = 0;
  add(x: number): void {
    this.sum += x;
    this.n += 1;
  }
  get value(): number {
    return this.n === 0 ? 0 : this.sum / this.n;
  }
}

interface ServiceTally {
  tickets: number;
  called: number;
  served: number;
  noShows: number;
  legsEnded: number;
  waits: number[];
  handling: Mean;
}

interface CounterTally {
  number: number;
  status: 'open' | 'paused' | 'closed';
  staffId: string | null;
  /** The center day it was opened on: the server closes every counter when a day ends. */
  day: string | null;
  leg: Leg | null;
  /** Up to when open and busy time have been added. */
  since: number;
  openMs: number;
  busyMs: number;
  calls: number;
  served: number;
  noShows: number;
  handling: Mean;
}

interface StaffTally {
  calls: number;
  served: number;
  handling: Mean;
}

interface HourTally {
  issued: number;
  called: number;
  wait: Mean;
}

type TicketEvent<T extends CenterEvent['type']> = Extract<CenterEvent, { type: T }>;
type LegEnd = TicketEvent<'ticket.finished' | 'ticket.no-show' | 'ticket.transferred'>;
type UnrelatedEvent = Exclude<CenterEvent, { type: `ticket.${string}` | `counter.${string}` }>;

class Tally {
  readonly #totals = {
    issued: 0,
    called: 0,
    served: 0,
    noShows: 0,
    cancelled: 0,
    transferred: 0,
    recalls: 0,
    offlineIssued: 0,
  };
  readonly #tickets = new Map<string, TicketTrack>();
  readonly #services = new Map<string, ServiceTally>();
  readonly #counters = new Map<string, CounterTally>();
  readonly #staff = new Map<string, StaffTally>();
  readonly #hours = new Map<number, HourTally>();
  readonly #dayEnds = new Map<string, number>();

  constructor(
    private readonly center: Center,
    private readonly range: StatisticsRange,
  ) {
    // Configured entities come first and always appear, so a quiet service shows as zeros.
    for (const s of center.services) this.#service(s.id);
    for (const c of center.counters) this.#counter(c.id, c.number);
  }

  apply(e: CenterEvent): void {
    // Skipping (rather than stopping) keeps the state at `to` right even if clocks stepped back.
    if (e.at >= this.range.to) return;
    const inRange = e.at >= this.range.from;
    switch (e.type) {
      case 'ticket.issued':
        return this.#issued(e, inRange);
      case 'ticket.called':
        return this.#called(e, inRange);
      case 'ticket.recalled':
        // A recall repeats the announcement; the wait and the handling time run on.
        if (inRange) this.#totals.recalls += 1;
        return;
      case 'ticket.started':
        // Walking up is part of the counter's time: handling runs from the call.
        return;
      case 'ticket.finished':
      case 'ticket.no-show':
      case 'ticket.transferred':
        return this.#legEnded(e, inRange);
      case 'ticket.cancelled':
        this.#ticket(e.ticketId).phase = 'ended';
        if (inRange) this.#totals.cancelled += 1;
        return;
      case 'counter.opened':
      case 'counter.paused':
      case 'counter.closed':
        return this.#counterStatus(e, inRange);
      default: {
        // Leases, devices and the like change no ticket's or counter's figures. The type keeps
        // a future ticket.* or counter.* event from slipping through here unhandled.
        const _unrelated: UnrelatedEvent = e;
        return;
      }
    }
  }

  #issued(e: TicketEvent<'ticket.issued'>, inRange: boolean): void {
    const t = this.#ticket(e.ticket.id);
    // The printed time, not the event's: an offline ticket's citizen waited from then.
    t.issuedAt = e.ticket.issuedAt;
    t.day = e.ticket.day;
    t.phase = 'waiting';
    if (!inRange) return;
    t.issuedInRange = true;
    this.#totals.issued += 1;
    if (e.ticket.offline) this.#totals.offlineIssued += 1;
    this.#service(e.ticket.serviceId).tickets += 1;
    this.#hour(e.at).issued += 1;
  }

  #called(e: TicketEvent<'ticket.called'>, inRange: boolean): void {
    const counter = this.#advance(e.counterId, e.counterNumber, e.at);
    // A call from the counter's button board carries no staff: whoever opened the counter.
    const staffId = e.staffId ?? counter.staffId;
    counter.leg = { ticketId: e.ticketId, calledAt: e.at, staffId };
    const t = this.#ticket(e.ticketId);
    const first = !t.everCalled;
    t.everCalled = true;
    t.phase = 'at-counter';
    if (!inRange) return;
    counter.calls += 1;
    if (staffId !== null) this.#staffMember(staffId).calls += 1;
    // Only the first call ends the citizen's wait; a call after a transfer starts a new leg at
    // a counter, not a new wait.
    if (first) this.#firstCall(e, t);
  }

  #firstCall(e: TicketEvent<'ticket.called'>, t: TicketTrack): void {
    this.#totals.called += 1;
    const service = this.#service(e.serviceId);
    const hour = this.#hour(e.at);
    service.called += 1;
    hour.called += 1;
    if (t.issuedAt === null) return;
    const wait = Math.max(0, e.at - t.issuedAt);
    service.waits.push(wait);
    hour.wait.add(wait);
  }

  #legEnded(e: LegEnd, inRange: boolean): void {
    const counter = this.#advance(e.counterId, e.counterNumber, e.at);
    const leg = counter.leg?.ticketId === e.ticketId ? counter.leg : null;
    counter.leg = null;
    this.#ticket(e.ticketId).phase = e.type === 'ticket.transferred' ? 'waiting' : 'ended';
    if (!inRange) return;
    const service = this.#service(e.serviceId);
    const staffId = leg ? leg.staffId : counter.staffId;
    const staff = staffId === null ? null : this.#staffMember(staffId);
    service.legsEnded += 1;
    if (leg) {
      const handling = Math.max(0, e.at - leg.calledAt);
      for (const m of [service.handling, counter.handling, staff?.handling]) m?.add(handling);
    }
    if (e.type === 'ticket.finished') {
      this.#totals.served += 1;
      service.served += 1;
      counter.served += 1;
      if (staff) staff.served += 1;
    } else if (e.type === 'ticket.no-show') {
      this.#totals.noShows += 1;
      service.noShows += 1;
      counter.noShows += 1;
    } else {
      this.#totals.transferred += 1;
    }
  }

  #counterStatus(e: TicketEvent<'counter.opened' | 'counter.paused' | 'counter.closed'>, inRange: boolean) {
    const counter = this.#advance(e.counterId, e.counterNumber, e.at);
    if (e.type === 'counter.opened') {
      if (counter.status === 'closed') counter.day = centerDay(e.at, this.center.hours);
      counter.status = 'open';
      // As the queue does: opening without a staff id keeps whoever was there.
      counter.staffId = e.staffId ?? counter.staffId;
      if (inRange && counter.staffId !== null) this.#staffMember(counter.staffId);
    } else if (e.type === 'counter.paused') {
      counter.status = 'paused';
    } else {
      this.#close(counter);
    }
  }

  #close(counter: CounterTally): void {
    counter.status = 'closed';
    counter.staffId = null;
    counter.leg = null;
    counter.day = null;
  }

  /**
   * Adds a counter's open and busy time up to `at`, clipped to the range. A pause stops calls,
   * not the ticket in hand, so time with a ticket counts as open even while paused; that also
   * keeps utilisation at or below 1.
   */
  #advance(counterId: string, number: number, at: number): CounterTally {
    const c = this.#counter(counterId, number);
    if (c.status !== 'closed' && c.day !== null) {
      const dayEnd = this.#dayEnd(c.day);
      const ms = overlap(c.since, Math.min(at, dayEnd), this.range);
      if (c.status === 'open' || c.leg) c.openMs += ms;
      if (c.leg) c.busyMs += ms;
      // Nobody closes counters at night; the server's new day starts with them all closed.
      if (at >= dayEnd) this.#close(c);
    }
    c.since = Math.max(c.since, at);
    return c;
  }

  /** When a center day ends: the next day's start, in the center's time zone. */
  #dayEnd(day: string): number {
    let end = this.#dayEnds.get(day);
    if (end === undefined) {
      end = centerDayBounds(day, this.center.hours).end;
      this.#dayEnds.set(day, end);
    }
    return end;
  }

  #ticket(id: string): TicketTrack {
    let t = this.#tickets.get(id);
    if (!t) {
      t = { issuedAt: null, day: null, issuedInRange: false, everCalled: false, phase: 'waiting' };
      this.#tickets.set(id, t);
    }
    return t;
  }

  #service(id: string): ServiceTally {
    return getOrAdd(this.#services, id, () => ({
      tickets: 0,
      called: 0,
      served: 0,
      noShows: 0,
      legsEnded: 0,
      waits: [],
      handling: new Mean(),
    }));
  }

  #counter(id: string, number: number): CounterTally {
    return getOrAdd(this.#counters, id, () => ({
      number,
      status: 'closed',
      staffId: null,
      day: null,
      leg: null,
      since: -Infinity,
      openMs: 0,
      busyMs: 0,
      calls: 0,
      served: 0,
      noShows: 0,
      handling: new Mean(),
    }));
  }

  #staffMember(id: string): StaffTally {
    return getOrAdd(this.#staff, id, () => ({ calls: 0, served: 0, handling: new Mean() }));
  }

  #hour(at: number): HourTally {
    const hour = Math.floor(localTime(at, this.center.hours.timeZone).minutes / 60);
    return getOrAdd(this.#hours, hour, () => ({ issued: 0, called: 0, wait: new Mean() }));
  }

  // ── Result ──────────────────────────────────────────────────────────────────

  result(): Statistics {
    for (const [id, c] of this.#counters) this.#advance(id, c.number, this.range.to);
    return {
      range: { ...this.range },
      timeZone: this.center.hours.timeZone,
      totals: this.#totalsResult(),
      services: [...this.#services].map(([id, s]) => this.#serviceResult(id, s)),
      counters: [...this.#counters]
        .map(([id, c]) => counterResult(id, c))
        .sort((a, b) => a.number - b.number),
      staff: this.#staffResult(),
      hours: hoursResult(this.#hours),
    };
  }

  #totalsResult(): TicketTotals {
    const open = { stillWaiting: 0, atCounter: 0, unserved: 0 };
    for (const t of this.#tickets.values()) {
      if (!t.issuedInRange || t.phase === 'ended') continue;
      if (t.day !== null && this.#dayEnd(t.day) <= this.range.to) open.unserved += 1;
      else if (t.phase === 'waiting') open.stillWaiting += 1;
      else open.atCounter += 1;
    }
    const { issued, offlineIssued } = this.#totals;
    return { ...this.#totals, ...open, offlineShare: ratio(offlineIssued, issued) };
  }

  #serviceResult(serviceId: string, s: ServiceTally): ServiceStatistics {
    const config = this.center.services.find((c) => c.id === serviceId);
    const waits = [...s.waits].sort((a, b) => a - b);
    return {
      serviceId,
      code: config?.code ?? serviceId,
      name: config?.name ?? { az: serviceId, ru: serviceId, en: serviceId },
      tickets: s.tickets,
      called: s.called,
      served: s.served,
      noShows: s.noShows,
      noShowRate: ratio(s.noShows, s.legsEnded),
      meanWaitMin: minutes(mean(waits)),
      medianWaitMin: minutes(percentile(waits, 0.5, 'linear') ?? 0),
      p90WaitMin: minutes(percentile(waits, 0.9, 'linear') ?? 0),
      meanHandlingMin: minutes(s.handling.value),
    };
  }

  #staffResult(): StaffStatistics[] {
    const order = new Map(this.center.staff.map((s, i) => [s.id, i]));
    const rank = (id: string) => order.get(id) ?? order.size;
    return [...this.#staff]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([staffId, s]) => ({
        staffId,
        name: this.center.staff.find((m) => m.id === staffId)?.name ?? staffId,
        calls: s.calls,
        served: s.served,
        meanHandlingMin: minutes(s.handling.value),
      }));
  }
}

function counterResult(counterId: string, c: CounterTally): CounterStatistics {
  return {
    counterId,
    number: c.number,
    calls: c.calls,
    served: c.served,
    noShows: c.noShows,
    meanHandlingMin: minutes(c.handling.value),
    busyMin: minutes(c.busyMs),
    openMin: minutes(c.openMs),
    utilisation: ratio(c.busyMs, c.openMs),
  };
}

function hoursResult(hours: ReadonlyMap<number, HourTally>): HourStatistics[] {
  if (hours.size === 0) return [];
  const first = Math.min(...hours.keys());
  const last = Math.max(...hours.keys());
  const rows: HourStatistics[] = [];
  for (let hour = first; hour <= last; hour++) {
    const h = hours.get(hour);
    rows.push({
      hour,
      issued: h?.issued ?? 0,
      called: h?.called ?? 0,
      meanWaitMin: minutes(h?.wait.value ?? 0),
    });
  }
  return rows;
}

// ── Small helpers ─────────────────────────────────────────────────────────────

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** How much of [start, end) lies inside the range, ms. */
function overlap(start: number, end: number, range: StatisticsRange): number {
  return Math.max(0, Math.min(end, range.to) - Math.max(start, range.from));
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Minutes to one decimal (6 s), as the server reports waits elsewhere. */
function minutes(ms: number): number {
  return Math.round((ms / MINUTE) * 10) / 10;
}

/** A share to three decimals (0.1 %), 0 when there is nothing to divide by. */
function ratio(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.round((part / whole) * 1000) / 1000;
}
