import { CenterQueue, centerDay } from '@novbe/core';
import { exampleCenter } from '@novbe/core/fixtures';
import type { CenterEvent, EventBody } from '@novbe/protocol';
import { describe, expect, it } from 'vitest';
import { computeStatistics } from './compute';
import { counter, time } from './testing';

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

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
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
