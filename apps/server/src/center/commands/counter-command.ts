import {
  assertMayWorkCounter,
  assertNever,
  CounterHeldError,
  CounterStateError,
  CounterStatus,
  TicketAction,
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
      queue.checkOpen(counterId, staffId);
      events.push({ type: 'counter.opened', ...at, staffId });
      break;
    case 'pause':
      queue.checkPause(counterId);
      events.push({ type: 'counter.paused', ...at, staffId: counter.staffId });
      break;
    case 'close':
      queue.checkClose(counterId);
      events.push({ type: 'counter.closed', ...at, staffId });
      break;
    case 'call-next':
    case 'call-ticket': {
      const outOfOrder = cmd.action === 'call-ticket';
      const s =
        cmd.action === 'call-next'
          ? queue.selectNext(counterId, now)
          : queue.selectTicket(counterId, cmd.ticketId);
      if (!s) break;
      called = { ticketId: s.ticket.id, number: s.ticket.number, reason: s.reason };
      events.push({
        type: 'ticket.called',
        ...about(s.ticket),
        language: s.ticket.language,
        reason: s.reason,
        // Whether the call counts towards the counter's run of privileged calls; replays need it.
        privileged: !outOfOrder && s.privileged,
        outOfOrder,
        staffId: counter.staffId,
      });
      break;
    }
    case 'recall': {
      const ticket = queue.checkHeld(counterId, TicketAction.Recall);
      events.push({ type: 'ticket.recalled', ...about(ticket), language: ticket.language });
      break;
    }
    case 'start':
      events.push({ type: 'ticket.started', ...about(queue.checkHeld(counterId, TicketAction.Start)) });
      break;
    case 'finish':
      events.push({ type: 'ticket.finished', ...about(queue.checkHeld(counterId, TicketAction.Finish)) });
      break;
    case 'no-show':
      events.push({ type: 'ticket.no-show', ...about(queue.checkHeld(counterId, TicketAction.NoShow)) });
      break;
    case 'transfer':
      events.push({
        type: 'ticket.transferred',
        ...about(queue.checkTransfer(counterId, cmd.to)),
        to: cmd.to,
        keepWaitingTime: cmd.keepWaitingTime ?? ctx.index.center.rules.transferKeepsWaitingTime,
      });
      break;
    default:
      return assertNever(cmd, 'counter command');
  }
  return {
    events,
    answer: (day) => ({ counter: counterView(day.queue.counter(counterId), day.queue), called }),
  };
}

/** Whether staff member `staffId` may send `cmd` to `counter` (see `runCounterCommand`). */
function checkOwnership(
  ctx: CommandContext,
  counter: Readonly<CounterState>,
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
