import {
  assertMayWorkCounter,
  assertNever,
  CounterHeldError,
  CounterStateError,
  CounterStatus,
  type CounterState,
  type Ticket,
} from '@novbe/core';
import type { CounterCommand, CounterCommandResult, EventBody } from '@novbe/protocol';
import { counterView } from '../views';
import type { CommandContext, CommandOutcome } from './context';

/**
 * One counter command from staff (`staffId`) or the counter's board (`staffId` null).
 *
 * Ownership: a counter is held by the staff member who opened it until it closes. Only they
 * command it (and its board); opening it while someone else holds it is refused — a
 * supervisor takes it over instead (`takeOverCounter`), which the log records. Staff open and
 * call only at counters they may work (`assertMayWorkCounter`: their agency's), so a changed
 * configuration applies from their next call.
 */
export function runCounterCommand(
  ctx: CommandContext,
  counterId: string,
  staffId: string | null,
  cmd: CounterCommand,
): CommandOutcome<CounterCommandResult> {
  const { queue, now } = ctx;
  const counter = queue.counter(counterId);
  if (staffId !== null) checkOwnership(ctx, counter, staffId, cmd);
  const at = { counterId, counterNumber: counter.number, hallId: counter.hallId };
  /** The fields every event about the ticket at this counter carries. */
  const about = (t: Ticket) => ({ ...at, ticketId: t.id, number: t.number, serviceId: t.serviceId });
  const events: EventBody[] = [];
  let called: CounterCommandResult['called'] = null;
  switch (cmd.action) {
    case 'open':
      queue.openCounter(counterId, staffId, now);
      events.push({ type: 'counter.opened', ...at, staffId });
      break;
    case 'pause':
      queue.pauseCounter(counterId, now);
      events.push({ type: 'counter.paused', ...at, staffId: counter.staffId });
      break;
    case 'close':
      queue.closeCounter(counterId, now);
      events.push({ type: 'counter.closed', ...at, staffId });
      break;
    case 'call-next':
    case 'call-ticket': {
      const r =
        cmd.action === 'call-next'
          ? queue.callNext(counterId, now)
          : queue.callTicket(counterId, cmd.ticketId, now);
      if (!r) break;
      called = { ticketId: r.ticket.id, number: r.ticket.number, reason: r.reason };
      events.push({
        type: 'ticket.called',
        ...about(r.ticket),
        reason: r.reason,
        // After the call the streak counts it when it was privileged; replays need the flag.
        privileged: !r.outOfOrder && counter.privilegedStreak > 0,
        outOfOrder: r.outOfOrder,
        staffId: counter.staffId,
      });
      break;
    }
    case 'recall':
      events.push({ type: 'ticket.recalled', ...about(queue.recall(counterId, now)) });
      break;
    case 'start':
      events.push({ type: 'ticket.started', ...about(queue.start(counterId, now)) });
      break;
    case 'finish':
      events.push({ type: 'ticket.finished', ...about(queue.finish(counterId, now)) });
      break;
    case 'no-show':
      events.push({ type: 'ticket.no-show', ...about(queue.noShow(counterId, now)) });
      break;
    case 'transfer': {
      const held = counter.ticketId === null ? undefined : queue.ticket(counter.ticketId);
      if (!held) throw new CounterStateError(counterId, 'idle', 'no ticket in hand');
      const before = about(held);
      const keep = cmd.keepWaitingTime ?? ctx.index.center.rules.transferKeepsWaitingTime;
      queue.transfer(counterId, cmd.to, now, keep);
      events.push({
        type: 'ticket.transferred',
        ...before,
        to: cmd.to,
        keepWaitingTime: keep,
      });
      break;
    }
    default:
      return assertNever(cmd, 'counter command');
  }
  return { events, result: { counter: counterView(counter, queue), called } };
}

/** Whether staff member `staffId` may send `cmd` to `counter` (see `runCounterCommand`). */
function checkOwnership(
  ctx: CommandContext,
  counter: CounterState,
  staffId: string,
  cmd: CounterCommand,
): void {
  const holder = counter.status === CounterStatus.Closed ? null : counter.staffId;
  if (cmd.action === 'open' && holder !== null && holder !== staffId) {
    const name = ctx.index.center.staff.find((s) => s.id === holder)?.name ?? holder;
    throw new CounterHeldError(
      counter.id,
      holder,
      `counter ${counter.number} is held by ${name}; a supervisor can take it over`,
    );
  }
  if (cmd.action !== 'open' && holder !== staffId)
    throw new CounterStateError(counter.id, 'staff-elsewhere', 'another staff member works at this counter');
  if (cmd.action === 'open' || cmd.action === 'call-next' || cmd.action === 'call-ticket')
    assertMayWorkCounter(ctx.index, staffId, counter.id);
}
