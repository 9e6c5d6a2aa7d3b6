import { CenterQueue, centerDay, centerInstant, type Center } from '@novbe/core';
import { exampleCenter } from '@novbe/core/fixtures';
import type { CenterEvent, EventBody } from '@novbe/protocol';
import { describe, expect, it } from 'vitest';
import type { Statistics } from '@novbe/protocol';
import { computeStatistics } from './statistics/compute';
import { csvField, statisticsToCsv } from './statistics/csv';

const TZ = 'Asia/Baku';
const MONDAY = '2026-11-23';
const TUESDAY = '2026-11-24';
/** An instant from a wall-clock time at the center (Baku, UTC+4). */
const time = (hhmm: string, day = MONDAY) => centerInstant(day, hhmm, TZ);

interface TicketRef {
  readonly id: string;
  readonly number: string;
  serviceId: string;
}

/**
 * Writes a center day's event log by hand, with the shapes `CenterService` commits: each
 * method is one staff or kiosk action.
 */
class DayLog {
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
function mondayMorning(): DayLog {
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

const stats = (log: DayLog, from: string, to: string, toDay = log.day) =>
  computeStatistics(log.events, log.center, { from: time(from, log.day), to: time(to, toDay) });

const service = (s: Statistics, id: string) => s.services.find((x) => x.serviceId === id)!;
const counter = (s: Statistics, id: string) => s.counters.find((x) => x.counterId === id)!;

describe('computeStatistics', () => {
  const morning = stats(mondayMorning(), '09:00', '11:00');

  it('counts tickets through their whole life', () => {
    expect(morning.totals).toEqual({
      issued: 7,
      called: 5,
      served: 4,
      noShows: 1,
      cancelled: 1,
      transferred: 1,
      recalls: 1,
      stillWaiting: 1,
      atCounter: 0,
      unserved: 0,
      offlineIssued: 1,
      offlineShare: 0.143,
    });
  });

  it('measures waits from issue (the printed time) to the first call, per service', () => {
    // Identity cards: waits 10, 20, 10; P-001 arrives by transfer and adds no second wait.
    expect(service(morning, 'dim-id-card')).toEqual({
      serviceId: 'dim-id-card',
      code: 'DIM-ID',
      name: exampleCenter.services.find((s) => s.id === 'dim-id-card')!.name,
      tickets: 4,
      called: 3,
      served: 4,
      noShows: 0,
      noShowRate: 0,
      meanWaitMin: 13.3,
      medianWaitMin: 10,
      p90WaitMin: 18,
      // A-001 10, P-001's second leg 10, A-002 10, A-003 20.
      meanHandlingMin: 12.5,
    });
    expect(service(morning, 'dim-passport')).toMatchObject({
      tickets: 2,
      called: 1,
      served: 0,
      noShows: 0,
      meanWaitMin: 10,
      // Call 09:22 to transfer 09:34: the first leg's counter time.
      meanHandlingMin: 12,
    });
    // Offline B-001 waited from 09:15 (printed), not 09:20 (synced); the recall restarts nothing.
    expect(service(morning, 'just-birth')).toMatchObject({
      tickets: 1,
      called: 1,
      noShows: 1,
      noShowRate: 1,
      meanWaitMin: 10,
      meanHandlingMin: 4,
    });
  });

  it('lists every configured service, quiet ones as zeros', () => {
    expect(morning.services.map((s) => s.serviceId)).toEqual(exampleCenter.services.map((s) => s.id));
    expect(service(morning, 'bank-loan')).toMatchObject({ tickets: 0, meanWaitMin: 0, noShowRate: 0 });
  });

  it('gives counters their calls, handling, busy and open time', () => {
    expect(counter(morning, 'counter-1')).toEqual({
      counterId: 'counter-1',
      number: 1,
      calls: 3,
      served: 3,
      noShows: 0,
      meanHandlingMin: 10,
      busyMin: 30,
      openMin: 110,
      utilisation: 0.273,
    });
    // Open 09:00–09:55 and 10:12–11:00 (still open at the end of the range); busy 12 + 20.
    expect(counter(morning, 'counter-4')).toMatchObject({
      calls: 2,
      served: 1,
      meanHandlingMin: 16,
      busyMin: 32,
      openMin: 103,
      utilisation: 0.311,
    });
    // Paused at 09:28 with B-001 in hand: open until the no-show at 09:29, not the pause.
    expect(counter(morning, 'counter-9')).toMatchObject({
      calls: 1,
      served: 0,
      noShows: 1,
      busyMin: 4,
      openMin: 24,
      utilisation: 0.167,
    });
    expect(counter(morning, 'counter-30')).toMatchObject({ calls: 0, openMin: 0, utilisation: 0 });
    expect(morning.counters.map((c) => c.number)).toEqual(exampleCenter.counters.map((c) => c.number));
  });

  it('credits staff with the calls they made, a board call to whoever opened the counter', () => {
    expect(morning.staff).toEqual([
      { staffId: 'staff-aysel', name: 'Aysel Məmmədova', calls: 3, served: 3, meanHandlingMin: 10 },
      { staffId: 'staff-rauf', name: 'Rauf Əliyev', calls: 2, served: 1, meanHandlingMin: 16 },
      { staffId: 'staff-leyla', name: 'Leyla Hüseynova', calls: 1, served: 0, meanHandlingMin: 4 },
    ]);
  });

  it('splits the day into hours of center time', () => {
    expect(morning.hours).toEqual([
      { hour: 9, issued: 4, called: 3, meanWaitMin: 10 },
      { hour: 10, issued: 3, called: 2, meanWaitMin: 15 },
    ]);
  });

  it('counts only what happened in the range, with the state the earlier log left', () => {
    const late = stats(mondayMorning(), '10:00', '11:00');
    expect(late.totals).toMatchObject({
      issued: 3,
      called: 2,
      served: 2,
      noShows: 0,
      cancelled: 1,
      transferred: 0,
      recalls: 0,
      stillWaiting: 1,
      offlineIssued: 0,
    });
    // A-002 was issued at 09:50, before the range; its wait ends inside it.
    expect(service(late, 'dim-id-card')).toMatchObject({ tickets: 2, called: 2, meanWaitMin: 15 });
    expect(counter(late, 'counter-1')).toMatchObject({
      calls: 1,
      busyMin: 10,
      openMin: 50,
      utilisation: 0.2,
    });
    expect(counter(late, 'counter-4')).toMatchObject({ busyMin: 20, openMin: 48, utilisation: 0.417 });
    expect(counter(late, 'counter-9')).toMatchObject({ openMin: 0, utilisation: 0 });
    expect(late.hours.map((h) => h.hour)).toEqual([10]);
  });

  it('clips busy and open time that crosses the edges of the range', () => {
    const s = stats(mondayMorning(), '09:25', '09:40');
    // Busy 09:25–09:30 with A-001 and 09:35–09:40 with P-001, still in hand at the end.
    expect(counter(s, 'counter-1')).toMatchObject({ busyMin: 10, openMin: 15, utilisation: 0.667 });
    expect(s.totals).toMatchObject({ issued: 0, served: 1, transferred: 1, atCounter: 0 });
  });

  it('tells tickets still waiting or at a counter from those issued in the range', () => {
    const s = stats(mondayMorning(), '09:00', '09:40');
    expect(s.totals).toMatchObject({ issued: 3, served: 1, noShows: 1, stillWaiting: 0, atCounter: 1 });
  });

  it('ends a counter left open, and the tickets left waiting, with their center day', () => {
    const log = new DayLog()
      .counter('18:00', 'opened', 'counter-1', 'staff-aysel')
      .issue('18:30', 'A-090', 'dim-id-card');
    const tuesday = new DayLog(exampleCenter, TUESDAY).issue('09:00', 'A-001', 'dim-id-card');
    const events = [
      ...log.events,
      ...tuesday.events.map((e, i) => ({ ...e, seq: log.events.length + i + 1 })),
    ];
    const s = computeStatistics(events, exampleCenter, { from: time('18:00'), to: time('12:00', TUESDAY) });
    // The center day ends at 04:00: ten hours open, not eighteen.
    expect(counter(s, 'counter-1')).toMatchObject({ openMin: 600, busyMin: 0 });
    expect(s.totals).toMatchObject({ issued: 2, stillWaiting: 1, unserved: 1 });
  });

  it('gives zeros, never NaN, for an empty log', () => {
    const s = computeStatistics([], exampleCenter, { from: time('09:00'), to: time('19:00') });
    expect(s.totals).toEqual({
      issued: 0,
      called: 0,
      served: 0,
      noShows: 0,
      cancelled: 0,
      transferred: 0,
      recalls: 0,
      stillWaiting: 0,
      atCounter: 0,
      unserved: 0,
      offlineIssued: 0,
      offlineShare: 0,
    });
    expect(s.staff).toEqual([]);
    expect(s.hours).toEqual([]);
    expect(s.services).toHaveLength(exampleCenter.services.length);
    expect(allNumbers(s).every((n) => Number.isFinite(n))).toBe(true);
    const counts = [...s.services, ...s.counters.map(({ number: _, ...c }) => c)];
    expect(allNumbers(counts).every((n) => n === 0)).toBe(true);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => computeStatistics([], exampleCenter, { from: time('10:00'), to: time('09:00') })).toThrow(
      RangeError,
    );
  });
});

describe('statisticsToCsv', () => {
  it('writes RFC 4180 with CRLF, quoting what needs it and keeping Azerbaijani letters', () => {
    const renamed: Statistics = {
      ...morning(),
      staff: [{ staffId: 'staff-x', name: 'Əliyev, Rauf "Böyük"', calls: 2, served: 1, meanHandlingMin: 16 }],
    };
    expect(statisticsToCsv(renamed, 'staff')).toBe(
      'staff_id,name,calls,served,mean_handling_min\r\n' + 'staff-x,"Əliyev, Rauf ""Böyük""",2,1,16\r\n',
    );
  });

  it('exports each table with a header row and one line per row', () => {
    const s = morning();
    const lines = (csv: string) => csv.split('\r\n').slice(0, -1);
    expect(lines(statisticsToCsv(s, 'hours'))).toEqual([
      'hour,issued,called,mean_wait_min',
      '09:00,4,3,10',
      '10:00,3,2,15',
    ]);
    expect(lines(statisticsToCsv(s, 'services'))[1]).toBe(
      'dim-id-card,DIM-ID,Şəxsiyyət vəsiqəsinin verilməsi,4,3,4,0,0,13.3,10,18,12.5',
    );
    expect(lines(statisticsToCsv(s, 'services', 'ru'))[1]).toContain('Выдача удостоверения личности');
    expect(lines(statisticsToCsv(s, 'counters'))[1]).toBe('counter-1,1,3,3,0,10,30,110,0.273');
    expect(lines(statisticsToCsv(s, 'counters'))).toHaveLength(1 + exampleCenter.counters.length);
    expect(lines(statisticsToCsv(s, 'staff'))[1]).toBe('staff-aysel,Aysel Məmmədova,3,3,10');
  });

  it('quotes line breaks and leaves plain fields alone', () => {
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('Günel İsmayılova')).toBe('Günel İsmayılova');
    expect(csvField(0.5)).toBe('0.5');
  });
});

describe('statistics of a simulated day (core CenterQueue)', () => {
  it('agree with what the queue itself recorded', () => {
    const { events, queue } = simulateMorning();
    const s = computeStatistics(events, exampleCenter, { from: time('08:00'), to: time('14:00') });
    const tickets = [...queue.tickets()];
    const t = s.totals;

    expect(t.issued).toBe(tickets.length);
    expect(t.served).toBe(tickets.filter((x) => x.status === 'done').length);
    expect(t.noShows).toBe(tickets.filter((x) => x.status === 'no-show').length);
    expect(t.transferred).toBe(tickets.reduce((n, x) => n + x.transfers, 0));
    expect(t.served + t.noShows + t.cancelled + t.stillWaiting + t.atCounter + t.unserved).toBe(t.issued);
    expect(t.served).toBeGreaterThan(50);
    expect(t.transferred).toBeGreaterThan(0);
    expect(counter(s, 'counter-3').openMin).toBeLessThan(counter(s, 'counter-2').openMin);

    const calls = events.filter((e) => e.type === 'ticket.called').length;
    expect(sum(s.counters.map((c) => c.calls))).toBe(calls);
    expect(sum(s.staff.map((x) => x.calls))).toBe(calls);
    expect(sum(s.services.map((x) => x.served))).toBe(t.served);
    expect(sum(s.hours.map((h) => h.called))).toBe(t.called);
    expect(sum(s.hours.map((h) => h.issued))).toBe(t.issued);
    for (const c of s.counters) expect(c.busyMin).toBeLessThanOrEqual(c.openMin);

    // Mean waits match the queue's own first-call times.
    for (const svc of s.services.filter((x) => x.called > 0)) {
      const waits = tickets
        .filter((x) => x.firstCalledAt !== null && firstServiceOf(events, x.id) === svc.serviceId)
        .map((x) => (x.firstCalledAt! - x.issuedAt) / 60_000);
      expect(svc.called).toBe(waits.length);
      expect(svc.meanWaitMin).toBeCloseTo(sum(waits) / waits.length, 1);
    }
  });
});

function morning(): Statistics {
  return stats(mondayMorning(), '09:00', '11:00');
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function allNumbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(allNumbers);
  return [];
}

function firstServiceOf(events: readonly CenterEvent[], ticketId: string): string | undefined {
  const issued = events.find((e) => e.type === 'ticket.issued' && e.ticket.id === ticketId);
  return issued?.type === 'ticket.issued' ? issued.ticket.serviceId : undefined;
}

/** A small deterministic generator (mulberry32), so the simulated day is the same every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Drives the core queue through a morning minute by minute, writing the events the server
 * would: arrivals, calls by dispatch, finishes, no-shows, transfers, a pause and cancellations.
 */
function simulateMorning(): { events: CenterEvent[]; queue: CenterQueue } {
  const rnd = random(42);
  const queue = new CenterQueue(exampleCenter);
  const events: CenterEvent[] = [];
  const emit = (at: number, body: EventBody) => events.push({ ...body, seq: events.length + 1, at });
  const services = ['dim-id-card', 'dim-passport', 'dim-registration', 'dim-criminal-record'];
  const staff = ['staff-aysel', 'staff-rauf', 'staff-leyla', 'staff-tural', 'staff-gunel'];
  const counterIds = ['counter-1', 'counter-2', 'counter-3', 'counter-4', 'counter-5'];
  const doneAt = new Map<string, number>();
  const day = centerDay(time('09:00'), exampleCenter.hours);
  const where = (id: string) => {
    const c = queue.counter(id);
    return { counterId: id, counterNumber: c.number, hallId: c.hallId };
  };
  const held = (id: string) => {
    const t = queue.ticket(queue.counter(id).ticketId!)!;
    return { ...where(id), ticketId: t.id, number: t.number, serviceId: t.serviceId };
  };

  counterIds.forEach((id, i) => {
    queue.openCounter(id, staff[i]!, time('09:00'));
    emit(time('09:00'), { type: 'counter.opened', ...where(id), staffId: staff[i]! });
  });
  let issued = 0;
  for (let at = time('09:00'); at < time('12:30'); at += 60_000) {
    if (at < time('12:00') && rnd() < 0.6) {
      const serviceId = services[Math.floor(rnd() * services.length)]!;
      const service = exampleCenter.services.find((s) => s.id === serviceId)!;
      const offline = rnd() < 0.1;
      const issuedAt = offline ? at - 3 * 60_000 : at;
      const ticket = {
        id: `01KSIM${String(++issued).padStart(20, '0')}`,
        number: `${service.prefix}-${String(issued).padStart(3, '0')}`,
        prefix: service.prefix,
        seq: issued,
        day,
        serviceId,
        language: 'az' as const,
        priority: 'regular' as const,
        priorityReason: null,
        appointmentAt: null,
        issuedAt,
        kioskId: 'kiosk-1',
        offline,
      };
      queue.issue(ticket);
      emit(at, { type: 'ticket.issued', hallId: service.hallId, ticket });
    }
    const waiting = [...queue.tickets()].filter((t) => t.status === 'issued');
    if (waiting.length > 8 && rnd() < 0.05) {
      const t = queue.cancel(waiting[0]!.id, at);
      emit(at, { type: 'ticket.cancelled', hallId: 'hall-1', ticketId: t.id, number: t.number });
    }
    for (const id of counterIds) stepCounter(id, at);
  }
  return { events, queue };

  function stepCounter(id: string, at: number): void {
    const c = queue.counter(id);
    if (c.ticketId !== null) {
      if (at < doneAt.get(c.ticketId)!) return;
      const t = queue.ticket(c.ticketId)!;
      const roll = rnd();
      if (t.status === 'called' && roll < 0.1) {
        queue.recall(id, at);
        emit(at, { type: 'ticket.recalled', ...held(id) });
        doneAt.set(t.id, at + 60_000);
      } else if (t.status === 'called' && roll < 0.2) {
        emit(at, { type: 'ticket.no-show', ...held(id) });
        queue.noShow(id, at);
      } else if (t.status === 'called') {
        queue.start(id, at);
        emit(at, { type: 'ticket.started', ...held(id) });
        doneAt.set(t.id, at + (2 + Math.floor(rnd() * 6)) * 60_000);
      } else if (roll < 0.08 && t.serviceId !== 'dim-id-card') {
        const body = held(id);
        queue.transfer(id, { serviceId: 'dim-id-card' }, at);
        emit(at, {
          type: 'ticket.transferred',
          ...body,
          to: { serviceId: 'dim-id-card' },
          keepWaitingTime: true,
        });
      } else {
        emit(at, { type: 'ticket.finished', ...held(id) });
        queue.finish(id, at);
      }
      return;
    }
    // Counter 3 takes a break mid-morning, once its ticket in hand is done.
    if (id === 'counter-3' && at >= time('10:30') && at < time('10:45') && c.status === 'open') {
      queue.pauseCounter(id, at);
      emit(at, { type: 'counter.paused', ...where(id), staffId: c.staffId });
      return;
    }
    if (id === 'counter-3' && at === time('10:45')) {
      queue.openCounter(id, c.staffId, at);
      emit(at, { type: 'counter.opened', ...where(id), staffId: c.staffId });
    }
    if (c.status !== 'open') return;
    const r = queue.callNext(id, at);
    if (!r) return;
    emit(at, {
      type: 'ticket.called',
      ...held(id),
      reason: r.reason,
      privileged: false,
      outOfOrder: false,
      staffId: c.staffId,
    });
    doneAt.set(r.ticket.id, at + (1 + Math.floor(rnd() * 2)) * 60_000);
  }
}
