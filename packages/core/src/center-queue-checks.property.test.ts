import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CenterQueue } from './center-queue';
import type { TransferTarget } from './queue-types';
import { MIN, MONDAY_9AM as T0, smallCenter } from './testing/small-center';
import { PriorityClass, TicketAction } from './ticket';

const COUNTERS = ['c1', 'c2', 'c3', 'c4', 'nope'];
const SERVICES = ['s1', 's2', 's3', 'nope'];

const counter = fc.constantFrom(...COUNTERS);
const op = fc.oneof(
  fc.record({
    k: fc.constant('issue' as const),
    serviceId: fc.constantFrom(...SERVICES),
    priority: fc.constantFrom(...Object.values(PriorityClass)),
    slot: fc.boolean(),
    again: fc.nat(5),
  }),
  fc.record({ k: fc.constant('open' as const), counterId: counter, staff: fc.constantFrom(null, 'x', 'y') }),
  fc.record({
    k: fc.constantFrom('pause' as const, 'close' as const, 'call-next' as const),
    counterId: counter,
  }),
  fc.record({ k: fc.constant('call-ticket' as const), counterId: counter, ticket: fc.nat(12) }),
  fc.record({
    k: fc.constant('held' as const),
    counterId: counter,
    action: fc.constantFrom(
      TicketAction.Recall,
      TicketAction.Start,
      TicketAction.Finish,
      TicketAction.NoShow,
    ),
  }),
  fc.record({
    k: fc.constant('transfer' as const),
    counterId: counter,
    to: fc.oneof(
      fc.record({ serviceId: fc.constantFrom(...SERVICES) }),
      fc.record({ counterId: counter }),
    ) as fc.Arbitrary<TransferTarget>,
  }),
  fc.record({ k: fc.constant('cancel' as const), ticket: fc.nat(12) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Everything the queue holds, as plain data. */
const state = (q: CenterQueue) =>
  JSON.stringify({
    tickets: [...q.tickets()],
    counters: [...q.counters()],
    waiting: [...q.waiting.tickets()].map((t) => t.id),
  });

/** What a call ended in: its value, or the error's name and message. */
function outcome(f: () => unknown): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

/** The check that stands for an operation, and the operation itself. */
function pair(q: CenterQueue, o: Op, now: number, issued: string[]): [() => unknown, () => unknown] {
  const ticketId = (n: number) => issued[n % (issued.length + 1)] ?? 'unknown';
  switch (o.k) {
    case 'issue': {
      const n = issued.length - o.again;
      const id = n >= 0 && o.again > 0 ? issued[n]! : `t${issued.length + 1}`;
      const input = {
        id,
        number: `N-${id}`,
        day: 'd',
        serviceId: o.serviceId,
        language: 'az' as const,
        priority: o.priority,
        appointmentAt: o.slot ? now + 10 * MIN : null,
        issuedAt: now,
      };
      return [() => q.checkIssue(input)?.id ?? id, () => q.issue(input).id];
    }
    case 'open':
      return [() => q.checkOpen(o.counterId, o.staff).id, () => q.openCounter(o.counterId, o.staff, now).id];
    case 'pause':
      return [() => q.checkPause(o.counterId).id, () => q.pauseCounter(o.counterId, now).id];
    case 'close':
      return [() => q.checkClose(o.counterId).id, () => q.closeCounter(o.counterId, now).id];
    case 'call-next': {
      const pick = (s: { ticket: { id: string }; reason: string } | null) => s && [s.ticket.id, s.reason];
      return [() => pick(q.selectNext(o.counterId, now)), () => pick(q.callNext(o.counterId, now))];
    }
    case 'call-ticket': {
      const id = ticketId(o.ticket);
      return [
        () => q.selectTicket(o.counterId, id).ticket.id,
        () => q.callTicket(o.counterId, id, now).ticket.id,
      ];
    }
    case 'held': {
      const run = {
        [TicketAction.Recall]: () => q.recall(o.counterId, now),
        [TicketAction.Start]: () => q.start(o.counterId, now),
        [TicketAction.Finish]: () => q.finish(o.counterId, now),
        [TicketAction.NoShow]: () => q.noShow(o.counterId, now),
      }[o.action];
      return [() => q.checkHeld(o.counterId, o.action).id, () => run().id];
    }
    case 'transfer':
      return [() => q.checkTransfer(o.counterId, o.to).id, () => q.transfer(o.counterId, o.to, now).id];
    case 'cancel': {
      const id = ticketId(o.ticket);
      return [() => q.checkCancel(id).id, () => q.cancel(id, now).id];
    }
  }
}

describe('CenterQueue checks', () => {
  it('change nothing, and refuse exactly what their change refuses, which then changes nothing either', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
        const q = new CenterQueue(smallCenter());
        const issued: string[] = [];
        ops.forEach((o, i) => {
          const now = T0 + i * MIN;
          const [check, change] = pair(q, o, now, issued);
          const before = state(q);
          const checked = outcome(check);
          expect(state(q)).toBe(before);
          const changed = outcome(change);
          if (checked.ok) expect(changed).toEqual(checked);
          else {
            expect(changed).toEqual(checked);
            expect(state(q)).toBe(before);
          }
          if (o.k === 'issue' && changed.ok && !issued.includes(changed.value as string))
            issued.push(changed.value as string);
        });
      }),
      { numRuns: 300 },
    );
  });
});
