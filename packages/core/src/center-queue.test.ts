import { beforeEach, describe, expect, it } from 'vitest';
import { CenterQueue } from './center-queue';
import type { IssueInput } from './queue-types';
import { CallReason } from './dispatch';
import {
  CounterStateError,
  DuplicateTicketError,
  IllegalTransitionError,
  UnknownEntityError,
} from './errors';
import { MIN, MONDAY_9AM as T0, smallCenter } from './testing/small-center';
import { PriorityClass } from './ticket';

let q: CenterQueue;
let seq = 0;
const issue = (serviceId: string, at: number, extra: Partial<IssueInput> = {}) =>
  q.issue({
    id: `t${++seq}`,
    number: `X-${seq}`,
    day: 'd',
    serviceId,
    language: 'az',
    issuedAt: at,
    ...extra,
  });

/** Start and finish the ticket in hand. */
const serve = (counterId: string, at: number) => {
  q.start(counterId, at);
  return q.finish(counterId, at);
};

beforeEach(() => {
  q = new CenterQueue(smallCenter());
  seq = 0;
});

describe('CenterQueue', () => {
  it('walks a ticket through its whole life at a counter', () => {
    const t = issue('s1', T0);
    q.openCounter('c1', 'staff-1', T0);
    expect(q.callNext('c1', T0 + MIN)).toMatchObject({
      ticket: { id: t.id },
      reason: 'regular',
      outOfOrder: false,
    });
    q.recall('c1', T0 + 2 * MIN);
    expect(t).toMatchObject({
      status: 'called',
      recalls: 1,
      firstCalledAt: T0 + MIN,
      calledAt: T0 + 2 * MIN,
    });
    q.start('c1', T0 + 3 * MIN);
    q.finish('c1', T0 + 10 * MIN);
    expect(t).toMatchObject({
      status: 'done',
      startedAt: T0 + 3 * MIN,
      endedAt: T0 + 10 * MIN,
      counterId: 'c1',
    });
    expect(q.counter('c1').ticketId).toBeNull();
    expect(q.callNext('c1', T0 + 11 * MIN)).toBeNull();
  });

  it('is idempotent by ticket id and refuses a different ticket under a known id', () => {
    const t = issue('s1', T0);
    expect(
      q.issue({ id: t.id, number: t.number, day: 'd', serviceId: 's1', language: 'az', issuedAt: T0 }),
    ).toBe(t);
    expect(q.waiting.size).toBe(1);
    expect(() =>
      q.issue({ id: t.id, number: 'Z-999', day: 'd', serviceId: 's1', language: 'az', issuedAt: T0 }),
    ).toThrow(DuplicateTicketError);
    expect(() => issue('nope', T0)).toThrow(UnknownEntityError);
  });

  it('lets one staff member hold one counter and one ticket at a time', () => {
    issue('s1', T0);
    issue('s1', T0);
    q.openCounter('c1', 'aysel', T0);
    expect(() => q.openCounter('c3', 'aysel', T0)).toThrow(CounterStateError);
    q.callNext('c1', T0);
    expect(() => q.callNext('c1', T0)).toThrow(/finish the ticket in hand/);
    expect(() => q.closeCounter('c1', T0)).toThrow(CounterStateError);
    q.noShow('c1', T0 + MIN);
    q.closeCounter('c1', T0 + MIN);
    q.openCounter('c3', 'aysel', T0 + MIN);
    expect(() => q.callNext('c1', T0 + MIN)).toThrow(/not-open/);
  });

  it('stops calls on pause but lets the ticket in hand be finished', () => {
    issue('s2', T0);
    issue('s2', T0);
    q.openCounter('c2', null, T0);
    q.callNext('c2', T0);
    q.pauseCounter('c2', T0 + MIN);
    q.start('c2', T0 + MIN);
    q.finish('c2', T0 + 2 * MIN);
    expect(() => q.callNext('c2', T0 + 3 * MIN)).toThrow(CounterStateError);
    q.openCounter('c2', null, T0 + 4 * MIN);
    expect(q.callNext('c2', T0 + 4 * MIN)).not.toBeNull();
  });

  it('prefers services the counter weighs more, until a lighter one has waited long enough', () => {
    const light = issue('s2', T0); // c1 weighs s2 at 1
    const heavy = issue('s1', T0 + 6 * MIN); // and s1 at 3
    q.openCounter('c1', null, T0);
    // At 10:00 the s2 ticket waited 10 min (score 10), the s1 ticket 4 min (score 12).
    expect(q.callNext('c1', T0 + 10 * MIN)?.ticket).toBe(heavy);
    serve('c1', T0 + 11 * MIN);
    expect(q.callNext('c1', T0 + 11 * MIN)?.ticket).toBe(light);
  });

  it('interleaves privileged and regular tickets by the configured ratio', () => {
    const regular = [issue('s2', T0), issue('s2', T0)];
    const privileged = [1, 2, 3, 4].map(() =>
      issue('s2', T0 + MIN, { priority: PriorityClass.Priority, priorityReason: 'elderly' }),
    );
    q.openCounter('c2', null, T0);
    const calls: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = q.callNext('c2', T0 + 2 * MIN + i)!;
      calls.push(r.reason);
      serve('c2', T0 + 2 * MIN + i);
    }
    expect(calls).toEqual(['priority', 'priority', 'regular', 'priority', 'priority', 'regular']);
    expect([...regular, ...privileged].every((t) => t.status === 'done')).toBe(true);
  });

  it('calls an appointment at its slot, and an early one like a regular ticket', () => {
    const walkIn = issue('s2', T0);
    const appt = issue('s2', T0 + MIN, { priority: PriorityClass.Appointment, appointmentAt: T0 + 30 * MIN });
    q.openCounter('c2', null, T0);
    expect(q.callNext('c2', T0 + 5 * MIN)?.ticket).toBe(walkIn);
    serve('c2', T0 + 6 * MIN);
    const later = issue('s2', T0 + 7 * MIN);
    // Not yet due: it competes by waiting time, and it has waited longer than `later`.
    expect(q.callNext('c2', T0 + 8 * MIN)?.ticket).toBe(appt);
    serve('c2', T0 + 9 * MIN);
    const appt2 = issue('s2', T0 + 9 * MIN, {
      priority: PriorityClass.Appointment,
      appointmentAt: T0 + 10 * MIN,
    });
    expect(q.callNext('c2', T0 + 10 * MIN)).toMatchObject({ ticket: appt2, reason: CallReason.Appointment });
    serve('c2', T0 + 11 * MIN);
    expect(q.callNext('c2', T0 + 11 * MIN)?.ticket).toBe(later);
  });

  it('calls a ticket past its max wait before anything else the counter serves', () => {
    const old = issue('s3', T0); // s3: max wait 30 min, weight 1 at c4
    issue('s1', T0 + 5 * MIN, { priority: PriorityClass.Priority, priorityReason: 'disability' });
    q.openCounter('c4', null, T0);
    expect(q.callNext('c4', T0 + 31 * MIN)).toMatchObject({ ticket: old, reason: CallReason.Overdue });
  });

  it('records a call out of order and only at a counter that serves the ticket', () => {
    issue('s1', T0);
    const chosen = issue('s1', T0 + MIN);
    const other = issue('s3', T0 + MIN);
    q.openCounter('c1', null, T0);
    expect(() => q.callTicket('c1', other.id, T0 + 2 * MIN)).toThrow(/does not serve/);
    expect(q.callTicket('c1', chosen.id, T0 + 2 * MIN)).toMatchObject({
      ticket: chosen,
      outOfOrder: true,
      reason: 'specific',
    });
    serve('c1', T0 + 3 * MIN);
    expect(() => q.callTicket('c1', chosen.id, T0 + 3 * MIN)).toThrow(IllegalTransitionError);
  });

  it('transfers keep the number and, by rule, the original waiting time', () => {
    const t = issue('s1', T0);
    const newer = issue('s3', T0 + 10 * MIN);
    q.openCounter('c1', null, T0);
    q.openCounter('c3', null, T0);
    q.callNext('c1', T0 + 15 * MIN);
    q.start('c1', T0 + 16 * MIN);
    q.transfer('c1', { serviceId: 's3' }, T0 + 20 * MIN);
    expect(t).toMatchObject({
      status: 'transferred',
      number: 'X-1',
      serviceId: 's3',
      queuedAt: T0,
      transfers: 1,
    });
    // c3 weighs s3 at 2: the transferred ticket waited since 09:00, the other since 09:10.
    expect(q.callNext('c3', T0 + 21 * MIN)?.ticket).toBe(t);
    expect(newer.status).toBe('issued');
  });

  it('transfers to one counter, ahead of that counter\u2019s own queue', () => {
    const t = issue('s1', T0);
    issue('s1', T0);
    q.openCounter('c1', null, T0);
    q.openCounter('c4', null, T0);
    q.callNext('c1', T0 + MIN);
    q.transfer('c1', { counterId: 'c4' }, T0 + 2 * MIN, false);
    expect(t.queuedAt).toBe(T0 + 2 * MIN);
    expect(q.waiting.waitingAt('c4')).toBe(1);
    expect(q.callNext('c1', T0 + 3 * MIN)?.ticket).not.toBe(t);
    expect(q.callNext('c4', T0 + 3 * MIN)).toMatchObject({ ticket: t, reason: CallReason.Direct });
  });

  it('cancels only waiting tickets', () => {
    const t = issue('s2', T0);
    q.cancel(t.id, T0 + MIN);
    expect(q.waiting.size).toBe(0);
    expect(() => q.cancel(t.id, T0 + MIN)).toThrow(IllegalTransitionError);
  });
});

describe('CenterQueue regressions', () => {
  it('finds an overdue ticket anywhere in a counter\u2019s transfer line (found by the property test)', () => {
    const t1 = issue('s1', T0); // max wait 60
    const t2 = issue('s3', T0); // max wait 30
    q.openCounter('c4', null, T0);
    q.openCounter('c3', null, T0);
    q.callTicket('c4', t1.id, T0);
    q.transfer('c4', { counterId: 'c1' }, T0, false);
    q.callTicket('c3', t2.id, T0);
    q.transfer('c3', { counterId: 'c1' }, T0 + 21 * MIN, true);
    q.openCounter('c1', null, T0 + 30 * MIN);
    expect(q.callNext('c1', T0 + 30 * MIN)).toMatchObject({ ticket: t2, reason: CallReason.Overdue });
  });
});
