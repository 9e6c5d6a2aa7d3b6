import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CenterQueue } from './center-queue';
import type { CallResult } from './queue-types';
import { CallReason, effectiveClass } from './dispatch';
import { QueueError } from './errors';
import { MIN, MONDAY_9AM as T0, smallCenter } from './testing/small-center';
import { isAtCounter, isFinal, isWaiting, PriorityClass, type Ticket } from './ticket';

const SERVICES = ['s1', 's2', 's3'] as const;
const COUNTERS = ['c1', 'c2', 'c3', 'c4'] as const;

/**
 * The dispatch rules written the slow, obvious way over every waiting ticket: the set of
 * tickets a correct dispatcher may return (ties allowed) and the reason it must give.
 */
function reference(
  q: CenterQueue,
  counterId: string,
  now: number,
): { ids: Set<string>; reason: CallReason } | null {
  const profile = q.index.counters.get(counterId)!;
  const weight = new Map(profile.services.map((s) => [s.serviceId, s.weight]));
  const eligible = [...q.waiting.tickets()].filter((t) =>
    t.targetCounterId === null ? weight.has(t.serviceId) : t.targetCounterId === counterId,
  );
  if (eligible.length === 0) return null;
  const best = (list: Ticket[], score: (t: Ticket) => number, reason: CallReason) => {
    const top = Math.max(...list.map(score));
    return { ids: new Set(list.filter((t) => score(t) === top).map((t) => t.id)), reason };
  };
  const lateness = (t: Ticket) => now - t.queuedAt - q.policy.maxWaitMs(t.serviceId);
  const overdue = eligible.filter((t) => lateness(t) >= 0);
  if (overdue.length) return best(overdue, lateness, CallReason.Overdue);
  const direct = eligible.filter((t) => t.targetCounterId === counterId);
  if (direct.length) return best(direct, (t) => -t.queuedAt, CallReason.Direct);
  const general = eligible.filter((t) => t.targetCounterId === null);
  const weighted = (t: Ticket) => (now - t.queuedAt) * weight.get(t.serviceId)!;
  const due = general.filter((t) => effectiveClass(t, now) === PriorityClass.Appointment);
  const prio = general.filter((t) => effectiveClass(t, now) === PriorityClass.Priority);
  const regular = general.filter((t) => effectiveClass(t, now) === PriorityClass.Regular);
  const streak = q.counter(counterId).privilegedStreak;
  if ((due.length || prio.length) && (streak < q.policy.privilegedPerRegular || !regular.length)) {
    return due.length
      ? best(due, (t) => -t.appointmentAt!, CallReason.Appointment)
      : best(prio, weighted, CallReason.Priority);
  }
  return best(regular, weighted, CallReason.Regular);
}

const counter = fc.constantFrom(...COUNTERS);
const op = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('issue' as const),
      service: fc.constantFrom(...SERVICES),
      cls: fc.constantFrom(
        PriorityClass.Regular,
        PriorityClass.Regular,
        PriorityClass.Priority,
        PriorityClass.Appointment,
      ),
      slotOffsetMin: fc.integer({ min: -20, max: 40 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ k: fc.constant('tick' as const), min: fc.integer({ min: 0, max: 20 }) }),
  },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('call' as const), counter }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('callTicket' as const), counter, pick: fc.nat() }) },
  {
    weight: 8,
    arbitrary: fc.record({ k: fc.constantFrom('start', 'finish', 'finish', 'noShow', 'recall'), counter }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('transfer' as const),
      counter,
      to: fc.oneof(fc.record({ serviceId: fc.constantFrom(...SERVICES) }), fc.record({ counterId: counter })),
      keep: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('open', 'open', 'pause', 'close'), counter }) },
);

function checkInvariants(q: CenterQueue): void {
  const holders = new Map<string, string>();
  for (const c of q.counters()) {
    if (c.ticketId === null) continue;
    expect(holders.has(c.ticketId), `ticket ${c.ticketId} held by two counters`).toBe(false);
    holders.set(c.ticketId, c.id);
  }
  let waiting = 0;
  for (const t of q.tickets()) {
    expect(q.waiting.has(t.id), `${t.id} (${t.status}) in the waiting lines`).toBe(isWaiting(t.status));
    if (isWaiting(t.status)) waiting++;
    expect(holders.get(t.id) ?? null, `${t.id} (${t.status}) at a counter`).toBe(
      isAtCounter(t.status) ? t.counterId : null,
    );
  }
  expect(q.waiting.size).toBe(waiting);
}

describe('dispatch properties', () => {
  it('no ticket is lost or called twice, and every call follows the rules', () => {
    const checked: Record<CallReason, number> = {
      overdue: 0,
      direct: 0,
      appointment: 0,
      priority: 0,
      regular: 0,
      specific: 0,
    };
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 200, size: 'max' }),
        fc.integer({ min: 1, max: 4 }),
        (ops, ratio) => {
          const q = new CenterQueue(smallCenter({ privilegedPerRegular: ratio }));
          let now = T0;
          for (const c of COUNTERS) q.openCounter(c, null, now);
          let n = 0;
          const calls = new Map<string, number>();
          const pick = (i: number) => {
            const list = [...q.tickets()];
            return list.length ? list[i % list.length]! : undefined;
          };
          const recordCall = (r: CallResult | null) => {
            if (r) calls.set(r.ticket.id, (calls.get(r.ticket.id) ?? 0) + 1);
          };
          for (const o of ops) {
            try {
              switch (o.k) {
                case 'issue':
                  n++;
                  q.issue({
                    id: `t${n}`,
                    number: `N-${n}`,
                    day: 'd',
                    serviceId: o.service,
                    language: 'az',
                    issuedAt: now,
                    priority: o.cls,
                    appointmentAt: o.cls === PriorityClass.Appointment ? now + o.slotOffsetMin * MIN : null,
                  });
                  break;
                case 'tick':
                  now += o.min * MIN;
                  break;
                case 'call': {
                  const c = q.counter(o.counter);
                  const ready = c.status === 'open' && c.ticketId === null;
                  const expected = ready ? reference(q, o.counter, now) : null;
                  const result = q.callNext(o.counter, now);
                  if (ready) {
                    if (!expected) expect(result).toBeNull();
                    else {
                      expect(result, 'a ticket waits for this counter').not.toBeNull();
                      expect(
                        expected.ids.has(result!.ticket.id),
                        `${result!.ticket.id} is a best choice`,
                      ).toBe(true);
                      expect(result!.reason).toBe(expected.reason);
                      checked[expected.reason]++;
                    }
                  }
                  recordCall(result);
                  break;
                }
                case 'callTicket': {
                  const t = pick(o.pick);
                  if (t) recordCall(q.callTicket(o.counter, t.id, now));
                  break;
                }
                case 'start':
                  q.start(o.counter, now);
                  break;
                case 'finish':
                  if (q.ticket(q.counter(o.counter).ticketId ?? '')?.status === 'called')
                    q.start(o.counter, now);
                  q.finish(o.counter, now);
                  break;
                case 'noShow':
                  q.noShow(o.counter, now);
                  break;
                case 'recall':
                  q.recall(o.counter, now);
                  break;
                case 'transfer':
                  q.transfer(o.counter, o.to, now, o.keep);
                  break;
                case 'cancel': {
                  const t = pick(o.pick);
                  if (t) q.cancel(t.id, now);
                  break;
                }
                case 'open':
                  q.openCounter(o.counter, null, now);
                  break;
                case 'pause':
                  q.pauseCounter(o.counter, now);
                  break;
                case 'close':
                  q.closeCounter(o.counter, now);
                  break;
              }
            } catch (e) {
              // Refusals are fine (busy counter, illegal transition); anything else is a bug.
              if (!(e instanceof QueueError)) throw e;
            }
            checkInvariants(q);
          }

          // End of day: every counter opens and works until nothing is left.
          for (const c of COUNTERS) {
            if (q.counter(c).ticketId) {
              if (q.ticket(q.counter(c).ticketId!)!.status === 'called') q.start(c, now);
              q.finish(c, now);
            }
            q.openCounter(c, null, now);
          }
          for (let progress = true; progress;) {
            progress = false;
            for (const c of COUNTERS) {
              now += MIN;
              const r = q.callNext(c, now);
              recordCall(r);
              if (r) {
                q.start(c, now);
                q.finish(c, now);
                progress = true;
              }
            }
          }
          checkInvariants(q);
          for (const t of q.tickets()) {
            expect(isFinal(t.status), `${t.id} ends ${t.status}`).toBe(true);
            expect(calls.get(t.id) ?? 0).toBeLessThanOrEqual(1 + t.transfers);
          }
        },
      ),
      { numRuns: 120 },
    );
    // The run must have exercised every rule, or it proves little.
    for (const [reason, count] of Object.entries(checked))
      if (reason !== CallReason.Specific)
        expect(count, reason).toBeGreaterThan(reason === CallReason.Direct ? 0 : 10);
  });

  it('no ticket starves: with counters working, every wait stays within max wait plus one service round', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            service: fc.constantFrom(...SERVICES),
            priority: fc.boolean(),
            gapSec: fc.integer({ min: 0, max: 120 }),
          }),
          { minLength: 20, maxLength: 300, size: 'max' },
        ),
        (arrivals) => {
          // A flood of priority tickets at one busy counter must still let regular ones through.
          const q = new CenterQueue(smallCenter({ privilegedPerRegular: 50, maxWaitMin: 45 }));
          q.openCounter('c4', null, T0);
          let now = T0;
          let next = 0;
          const serviceMs = 3 * MIN;
          while (next < arrivals.length || q.waiting.size > 0) {
            while (
              next < arrivals.length &&
              now >= T0 + arrivals.slice(0, next + 1).reduce((s, a) => s + a.gapSec * 1000, 0)
            ) {
              const a = arrivals[next++]!;
              q.issue({
                id: `t${next}`,
                number: `N-${next}`,
                day: 'd',
                serviceId: a.service,
                language: 'az',
                issuedAt: now,
                priority: a.priority ? PriorityClass.Priority : PriorityClass.Regular,
              });
            }
            const r = q.callNext('c4', now);
            if (r) {
              q.start('c4', now);
              q.finish('c4', now + serviceMs);
            }
            now += r ? serviceMs : 30_000;
          }
          // Past its max wait a ticket competes by lateness, i.e. by its deadline (issue time +
          // max wait, earliest first), so its extra wait is bounded by the tickets whose
          // deadline comes no later than its own.
          const deadline = (u: { issuedAt: number; serviceId: string }) =>
            u.issuedAt + q.policy.maxWaitMs(u.serviceId);
          for (const t of q.tickets()) {
            const wait = t.firstCalledAt! - t.issuedAt;
            const maxWait = q.policy.maxWaitMs(t.serviceId);
            const ahead = [...q.tickets()].filter((u) => deadline(u) <= deadline(t)).length;
            expect(wait).toBeLessThanOrEqual(maxWait + ahead * serviceMs + 30_000);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
