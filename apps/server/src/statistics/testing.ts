/** A center day written as events, and small readers of its statistics: for the statistics tests. */
import { centerInstant, type Center } from '@novbe/core';
import { exampleCenter } from '@novbe/core/fixtures';
import type { CenterEvent, EventBody } from '@novbe/protocol';
import type { Statistics } from '@novbe/protocol';
import { computeStatistics } from './compute';

export const TZ = 'Asia/Baku';
export const MONDAY = '2026-11-23';
export const TUESDAY = '2026-11-24';
/** An instant from a wall-clock time at the center (Baku, UTC+4). */
export const time = (hhmm: string, day = MONDAY) => centerInstant(day, hhmm, TZ);

interface TicketRef {
  readonly id: string;
  readonly number: string;
  serviceId: string;
}

/**
 * Writes a center day's event log by hand, with the shapes `CenterService` commits: each
 * method is one staff or kiosk action.
 */
export class DayLog {
  readonly events: CenterEvent[] = [];
  readonly #tickets = new Map<string, TicketRef>();

  constructor(
    readonly center: Center = exampleCenter,
    readonly day = MONDAY,
  ) {}

  #push(hhmm: string, body: EventBody): void {
    this.events.push({ ...body, seq: this.events.length + 1, at: time(hhmm, this.day) });
  }

  #at(counterId: string) {
    const c = this.center.counters.find((x) => x.id === counterId)!;
    return { counterId, counterNumber: c.number, hallId: c.hallId };
  }

  #held(number: string, counterId: string) {
    const t = this.#tickets.get(number)!;
    return { ...this.#at(counterId), ticketId: t.id, number, serviceId: t.serviceId };
  }

  issue(hhmm: string, number: string, serviceId: string, offline?: { printedAt: string }): this {
    const id = `${this.day}/${number}`;
    this.#tickets.set(number, { id, number, serviceId });
    const [prefix, digits] = number.split('-') as [string, string];
    this.#push(hhmm, {
      type: 'ticket.issued',
      hallId: this.center.services.find((s) => s.id === serviceId)!.hallId,
      ticket: {
        id,
        number,
        prefix,
        seq: Number(digits),
        day: this.day,
        serviceId,
        language: 'az',
        priority: 'regular',
        priorityReason: null,
        appointmentAt: null,
        issuedAt: time(offline?.printedAt ?? hhmm, this.day),
        kioskId: 'kiosk-1',
        offline: offline !== undefined,
      },
    });
    return this;
  }

  counter(
    hhmm: string,
    type: 'opened' | 'paused' | 'closed',
    counterId: string,
    staffId: string | null,
  ): this {
    this.#push(hhmm, { type: `counter.${type}`, ...this.#at(counterId), staffId });
    return this;
  }

  call(hhmm: string, counterId: string, number: string, staffId: string | null): this {
    this.#push(hhmm, {
      type: 'ticket.called',
      ...this.#held(number, counterId),
      reason: 'regular',
      privileged: false,
      outOfOrder: false,
      staffId,
    });
    return this;
  }

  at(
    hhmm: string,
    type: 'recalled' | 'started' | 'finished' | 'no-show',
    counterId: string,
    number: string,
  ): this {
    this.#push(hhmm, { type: `ticket.${type}`, ...this.#held(number, counterId) });
    return this;
  }

  transfer(hhmm: string, counterId: string, number: string, toServiceId: string): this {
    this.#push(hhmm, {
      type: 'ticket.transferred',
      ...this.#held(number, counterId),
      to: { serviceId: toServiceId },
      keepWaitingTime: true,
    });
    this.#tickets.get(number)!.serviceId = toServiceId;
    return this;
  }

  cancel(hhmm: string, number: string): this {
    const t = this.#tickets.get(number)!;
    this.#push(hhmm, { type: 'ticket.cancelled', hallId: 'hall-1', ticketId: t.id, number });
    return this;
  }
}

/**
 * A Monday morning in hall 1: identity cards and passports at counters 1 and 4, births at
 * counter 9. One offline ticket, a recall, a no-show, a transfer from passports to identity
 * cards, a pause (one with a ticket still in hand), a call from a counter's button board (no
 * staff id), a cancellation and one ticket left waiting; two hours of the day.
 */
export function mondayMorning(): DayLog {
  return (
    new DayLog()
      .counter('09:00', 'opened', 'counter-1', 'staff-aysel')
      .counter('09:00', 'opened', 'counter-4', 'staff-rauf')
      .counter('09:05', 'opened', 'counter-9', 'staff-leyla')
      .issue('09:10', 'A-001', 'dim-id-card')
      .issue('09:12', 'P-001', 'dim-passport')
      // Printed offline at 09:15, synced when the link came back at 09:20.
      .issue('09:20', 'B-001', 'just-birth', { printedAt: '09:15' })
      .call('09:20', 'counter-1', 'A-001', 'staff-aysel')
      .call('09:22', 'counter-4', 'P-001', 'staff-rauf')
      .at('09:23', 'started', 'counter-1', 'A-001')
      .call('09:25', 'counter-9', 'B-001', 'staff-leyla')
      .at('09:27', 'recalled', 'counter-9', 'B-001')
      // Leyla pauses while still waiting for B-001: the counter is busy until the no-show.
      .counter('09:28', 'paused', 'counter-9', 'staff-leyla')
      .at('09:29', 'no-show', 'counter-9', 'B-001')
      .at('09:30', 'finished', 'counter-1', 'A-001')
      .at('09:32', 'started', 'counter-4', 'P-001')
      .transfer('09:34', 'counter-4', 'P-001', 'dim-id-card')
      .call('09:35', 'counter-1', 'P-001', 'staff-aysel')
      .at('09:36', 'started', 'counter-1', 'P-001')
      .at('09:45', 'finished', 'counter-1', 'P-001')
      .issue('09:50', 'A-002', 'dim-id-card')
      .counter('09:55', 'paused', 'counter-4', 'staff-rauf')
      .counter('10:00', 'closed', 'counter-9', 'staff-leyla')
      .issue('10:05', 'A-003', 'dim-id-card')
      .call('10:10', 'counter-1', 'A-002', 'staff-aysel')
      .counter('10:12', 'opened', 'counter-4', 'staff-rauf')
      // Called with the counter's button board, which knows no staff: Rauf opened it.
      .call('10:15', 'counter-4', 'A-003', null)
      .at('10:20', 'finished', 'counter-1', 'A-002')
      .issue('10:25', 'P-002', 'dim-passport')
      .issue('10:30', 'A-004', 'dim-id-card')
      .at('10:35', 'finished', 'counter-4', 'A-003')
      .cancel('10:40', 'A-004')
      .counter('10:50', 'closed', 'counter-1', 'staff-aysel')
  );
}

export const stats = (log: DayLog, from: string, to: string, toDay = log.day) =>
  computeStatistics(log.events, log.center, { from: time(from, log.day), to: time(to, toDay) });

export const service = (s: Statistics, id: string) => s.services.find((x) => x.serviceId === id)!;
export const counter = (s: Statistics, id: string) => s.counters.find((x) => x.counterId === id)!;

/** The Monday morning's figures from 09:00 to 11:00. */
export function morning(): Statistics {
  return stats(mondayMorning(), '09:00', '11:00');
}

/** Every number anywhere in a value (to check that none is NaN or negative). */
export function allNumbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(allNumbers);
  return [];
}
