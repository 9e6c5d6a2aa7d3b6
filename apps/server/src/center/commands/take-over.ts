import { assertMayWorkCounter, CounterStateError, CounterStatus } from '@novbe/core';
import type { CounterView } from '@novbe/protocol';
import { counterView } from '../views';
import type { CommandContext, CommandOutcome } from './context';

/**
 * A supervisor (`byStaffId`) takes over a counter another staff member holds, for `staffId`
 * (themselves or an operator): the counter opens under them with the ticket in hand, and the
 * `counter.taken-over` event names who took it from whom. `staffId` must be allowed to work
 * the counter and hold no other one. Taking over for the one who already holds it is a no-op,
 * so a retried request does no harm.
 */
export function takeOverCounter(
  ctx: CommandContext,
  counterId: string,
  byStaffId: string,
  staffId: string,
): CommandOutcome<CounterView> {
  const { queue } = ctx;
  const counter = queue.counter(counterId);
  const from = counter.status === CounterStatus.Closed ? null : counter.staffId;
  if (from === null)
    throw new CounterStateError(
      counterId,
      'not-open',
      'nobody holds this counter: staff open it by logging in',
    );
  const answer: CommandOutcome<CounterView>['answer'] = (day) =>
    counterView(day.queue.counter(counterId), day.queue);
  if (from === staffId) return { events: [], answer };
  assertMayWorkCounter(ctx.index, staffId, counterId);
  queue.checkOpen(counterId, staffId);
  return {
    events: [
      {
        type: 'counter.taken-over',
        counterId,
        counterNumber: counter.number,
        hallId: counter.hallId,
        staffId,
        fromStaffId: from,
        byStaffId,
        ticketId: counter.ticketId,
      },
    ],
    answer,
  };
}
