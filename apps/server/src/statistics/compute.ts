import { assertNever, centerDay, centerDayBounds, localTime, type Center } from '@novbe/core';
import type { CenterEvent, Statistics, StatisticsRange, TicketTotals } from '@novbe/protocol';
import {
  counterResult,
  getOrAdd,
  hoursResult,
  Mean,
  newCounterTally,
  newServiceTally,
  overlap,
  ratio,
  serviceResult,
  staffResult,
  type CounterTally,
  type HourTally,
  type ServiceTally,
  type StaffTally,
  type TicketTrack,
} from './tallies';

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

type TicketEvent<T extends CenterEvent['type']> = Extract<CenterEvent, { type: T }>;
type LegEnd = TicketEvent<'ticket.finished' | 'ticket.no-show' | 'ticket.transferred'>;

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
      case 'counter.taken-over':
      case 'counter.paused':
      case 'counter.closed':
        return this.#counterStatus(e, inRange);
      case 'lease.granted':
      case 'appointment.booked':
      case 'appointment.checked-in':
      case 'appointment.released':
      case 'appointment.cancelled':
      case 'config.changed':
      case 'device.paired':
      case 'device.revoked':
        // Leases, bookings, devices and configuration change no ticket's or counter's figures.
        return;
      default:
        return assertNever(e);
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

  #counterStatus(
    e: TicketEvent<'counter.opened' | 'counter.taken-over' | 'counter.paused' | 'counter.closed'>,
    inRange: boolean,
  ) {
    const counter = this.#advance(e.counterId, e.counterNumber, e.at);
    // A take-over opens the counter under its new holder, as the queue does.
    if (e.type === 'counter.opened' || e.type === 'counter.taken-over') {
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
    return getOrAdd(this.#services, id, newServiceTally);
  }

  #counter(id: string, number: number): CounterTally {
    return getOrAdd(this.#counters, id, () => newCounterTally(number));
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
      services: [...this.#services].map(([id, s]) => serviceResult(this.center, id, s)),
      counters: [...this.#counters]
        .map(([id, c]) => counterResult(id, c))
        .sort((a, b) => a.number - b.number),
      staff: staffResult(this.center, this.#staff),
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
}
