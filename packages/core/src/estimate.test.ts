import { beforeEach, describe, expect, it } from 'vitest';
import { CenterQueue } from './center-queue';
import { estimateNewTicket, estimateNewTickets, estimateWaits, naiveEstimate } from './estimate';
import { HandlingStats } from './handling-stats';
import { MIN, MONDAY_9AM as T0, smallCenter } from './testing/small-center';
import { PriorityClass } from './ticket';

let q: CenterQueue;
let stats: HandlingStats;
let n = 0;
const issue = (serviceId: string, at = T0, priority: PriorityClass = PriorityClass.Regular) =>
  q.issue({ id: `t${++n}`, number: `N-${n}`, day: 'd', serviceId, language: 'az', issuedAt: at, priority });

beforeEach(() => {
  const center = smallCenter();
  q = new CenterQueue(center);
  stats = new HandlingStats(center);
  n = 0;
});

describe('wait estimation', () => {
  it('counts the tickets ahead at the counters that serve the service', () => {
    q.openCounter('c2', null, T0); // only s2, 5 min per call
    for (let i = 0; i < 3; i++) issue('s2');
    const e = estimateNewTicket(q, stats, { serviceId: 's2' }, T0)!;
    expect(e.ahead).toBe(3);
    expect(e.expectedMs).toBe(15 * MIN);
    expect(e.lowMs).toBeLessThan(e.expectedMs);
    expect(e.highMs).toBeGreaterThan(e.expectedMs);
    expect(naiveEstimate(q, stats, 's2')).toBe(15 * MIN);
  });

  it('adds what is left of the ticket in hand', () => {
    q.openCounter('c2', null, T0);
    issue('s2');
    issue('s2');
    q.callNext('c2', T0);
    const e = estimateNewTicket(q, stats, { serviceId: 's2' }, T0 + 2 * MIN)!;
    expect(e.expectedMs).toBe(3 * MIN + 5 * MIN);
  });

  it('sees that a shared counter is busy with another service, which a head count does not', () => {
    // c1 serves s1 (weight 3) and s2 (weight 1); four s1 tickets waited long: they go first.
    q.openCounter('c1', null, T0);
    for (let i = 0; i < 4; i++) issue('s1', T0 - 30 * MIN);
    const e = estimateNewTicket(q, stats, { serviceId: 's2' }, T0)!;
    expect(e.expectedMs).toBe(4 * 10 * MIN);
    expect(naiveEstimate(q, stats, 's2')).toBe(0);
  });

  it('puts priority tickets ahead, and a priority ticket ahead of regular ones', () => {
    q.openCounter('c2', null, T0);
    issue('s2');
    issue('s2');
    issue('s2', T0 + MIN, PriorityClass.Priority);
    expect(estimateNewTicket(q, stats, { serviceId: 's2' }, T0 + MIN)!.expectedMs).toBe(15 * MIN);
    expect(
      estimateNewTicket(q, stats, { serviceId: 's2', priority: PriorityClass.Priority }, T0 + MIN)!
        .expectedMs,
    ).toBe(5 * MIN);
  });

  it('estimates every service and class of a group in one projection, as each would be alone', () => {
    q.openCounter('c1', null, T0);
    q.openCounter('c2', null, T0);
    q.openCounter('c3', null, T0);
    for (let i = 0; i < 30; i++) {
      const classes = [PriorityClass.Regular, PriorityClass.Regular, PriorityClass.Priority] as const;
      issue(['s1', 's2', 's3'][i % 3]!, T0 - (40 - i) * MIN, classes[i % classes.length]);
    }
    q.callNext('c1', T0);
    q.pauseCounter('c3', T0); // s3 waits for c3 to come back (c4 is closed)
    const now = T0 + 2 * MIN;
    const group = q.index.groups.get('s1')!;
    const all = estimateNewTickets(q, stats, group, now);
    expect([...all.keys()].sort()).toEqual(['s1', 's2', 's3']);
    for (const serviceId of ['s1', 's2', 's3'])
      for (const priority of Object.values(PriorityClass))
        expect(all.get(serviceId)!.get(priority)).toEqual(
          estimateNewTicket(q, stats, { serviceId, priority }, now),
        );
    expect(all.get('s2')!.get(PriorityClass.Priority)!.expectedMs).toBeLessThan(
      all.get('s2')!.get(PriorityClass.Regular)!.expectedMs,
    );
    expect(q.waiting.size).toBe(29); // the projection works on a copy
  });

  it('is unknown while no counter for the service works, and counts a paused one as coming back', () => {
    issue('s3');
    expect(estimateNewTicket(q, stats, { serviceId: 's3' }, T0)).toBeNull();
    q.openCounter('c3', null, T0);
    q.pauseCounter('c3', T0);
    const e = estimateNewTicket(q, stats, { serviceId: 's3' }, T0 + 2 * MIN)!;
    expect(e.expectedMs).toBe(8 * MIN + 20 * MIN); // back after a 10-min pause, then one s3 call
  });

  it('estimates every waiting ticket in one pass, in the order they will be called', () => {
    q.openCounter('c2', null, T0);
    const tickets = [issue('s2'), issue('s2'), issue('s2')];
    const waits = estimateWaits(q, stats, T0);
    expect(tickets.map((t) => waits.get(t.id)!.expectedMs)).toEqual([0, 5 * MIN, 10 * MIN]);
    expect(tickets.map((t) => waits.get(t.id)!.ahead)).toEqual([0, 1, 2]);
    expect(q.waiting.size).toBe(3); // the projection works on a copy
  });

  it('learns handling times from what counters observe', () => {
    expect(stats.mean('s2')).toBe(5 * MIN);
    for (let i = 0; i < 50; i++) stats.observe('s2', 8 * MIN);
    expect(stats.mean('s2')).toBeGreaterThan(7.9 * MIN);
    expect(stats.variance('s2')).toBeLessThan((0.5 * MIN) ** 2);
    stats.observe('s2', Number.NaN);
    stats.observe('s2', -1);
    expect(stats.mean('s2')).toBeGreaterThan(7.9 * MIN);
    const restored = new HandlingStats(smallCenter(), 0.1, stats.snapshot());
    expect(restored.mean('s2')).toBe(stats.mean('s2'));
  });
});
