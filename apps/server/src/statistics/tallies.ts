import { percentile, type Center } from '@novbe/core';
import type {
  CounterStatistics,
  HourStatistics,
  ServiceStatistics,
  StaffStatistics,
  StatisticsRange,
} from '@novbe/protocol';

/** What the statistics keep per ticket, service, counter, staff member and hour while tallying. */

const MINUTE = 60_000;

export type TicketPhase = 'waiting' | 'at-counter' | 'ended';

export interface TicketTrack {
  /** Null when the log given starts after the ticket was issued. */
  issuedAt: number | null;
  day: string | null;
  issuedInRange: boolean;
  everCalled: boolean;
  phase: TicketPhase;
}

/** One stay of a ticket at a counter, from its call to its finish, no-show or transfer. */
export interface Leg {
  readonly ticketId: string;
  readonly calledAt: number;
  readonly staffId: string | null;
}

export class Mean {
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

export interface ServiceTally {
  tickets: number;
  called: number;
  served: number;
  noShows: number;
  legsEnded: number;
  waits: number[];
  handling: Mean;
}

export interface CounterTally {
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

export interface StaffTally {
  calls: number;
  served: number;
  handling: Mean;
}

export interface HourTally {
  issued: number;
  called: number;
  wait: Mean;
}

export function newServiceTally(): ServiceTally {
  return { tickets: 0, called: 0, served: 0, noShows: 0, legsEnded: 0, waits: [], handling: new Mean() };
}

export function newCounterTally(number: number): CounterTally {
  return {
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
  };
}

// ── Results ──────────────────────────────────────────────────────────────────

export function serviceResult(center: Center, serviceId: string, s: ServiceTally): ServiceStatistics {
  const config = center.services.find((c) => c.id === serviceId);
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

export function staffResult(center: Center, staff: ReadonlyMap<string, StaffTally>): StaffStatistics[] {
  const order = new Map(center.staff.map((s, i) => [s.id, i]));
  const rank = (id: string) => order.get(id) ?? order.size;
  return [...staff]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([staffId, s]) => ({
      staffId,
      name: center.staff.find((m) => m.id === staffId)?.name ?? staffId,
      calls: s.calls,
      served: s.served,
      meanHandlingMin: minutes(s.handling.value),
    }));
}

export function counterResult(counterId: string, c: CounterTally): CounterStatistics {
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

export function hoursResult(hours: ReadonlyMap<number, HourTally>): HourStatistics[] {
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

export function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** How much of [start, end) lies inside the range, ms. */
export function overlap(start: number, end: number, range: StatisticsRange): number {
  return Math.max(0, Math.min(end, range.to) - Math.max(start, range.from));
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Minutes to one decimal (6 s), as the server reports waits elsewhere. */
export function minutes(ms: number): number {
  return Math.round((ms / MINUTE) * 10) / 10;
}

/** A share to three decimals (0.1 %), 0 when there is nothing to divide by. */
export function ratio(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.round((part / whole) * 1000) / 1000;
}
