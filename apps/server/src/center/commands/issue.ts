import { DuplicateTicketError, formatTicketNumber, InvalidTicketError, PriorityClass } from '@novbe/core';
import type { EventBody, IssueRequest, TicketView, WaitEstimateView } from '@novbe/protocol';
import { ticketOf, ticketView } from '../views';
import type { CommandContext, CommandOutcome } from './context';

/** The appointment an issue checks in, and how its row is marked in the same transaction. */
export interface CheckIn {
  readonly id: string;
  readonly slotAt: number;
  markCheckedIn(ticketId: string): void;
}

export interface Issued {
  readonly ticket: TicketView;
  readonly estimate: WaitEstimateView | null;
}

/** An online issue: idempotent by ticket id; numbered by the server. */
export function issueTicket(
  ctx: CommandContext,
  kioskId: string | null,
  req: IssueRequest,
  appointment: CheckIn | null,
): CommandOutcome<Issued> {
  const known = ctx.findTicket(req.id);
  if (known) {
    if (known.serviceId !== req.serviceId && ctx.queue.ticket(req.id)?.transfers === 0)
      throw new DuplicateTicketError(req.id, `already issued for another service as ${known.number}`);
    return { events: [], answer: () => ({ ticket: known, estimate: null }) };
  }
  if (ctx.tickets.wasCancelledUnseen(req.id))
    throw new DuplicateTicketError(req.id, 'this ticket id was cancelled by its kiosk before it arrived');
  const service = ctx.index.services.get(req.serviceId);
  if (!service) throw new InvalidTicketError(req.id, `unknown service "${req.serviceId}"`);
  const appointmentAt = appointment?.slotAt ?? null;
  const priority =
    appointmentAt !== null
      ? PriorityClass.Appointment
      : req.priorityReason
        ? PriorityClass.Priority
        : PriorityClass.Regular;
  const estimate = ctx.estimateFor(service.id, priority);
  const seq = ctx.numbers.peek(service.prefix, ctx.day);
  const ticket = {
    id: req.id,
    number: formatTicketNumber(service.prefix, seq),
    prefix: service.prefix,
    seq,
    day: ctx.day,
    serviceId: service.id,
    language: req.language,
    priority,
    priorityReason: req.priorityReason ?? null,
    appointmentAt,
    issuedAt: ctx.now,
    kioskId,
    offline: false,
  };
  ctx.queue.checkIssue(ticket);
  const events: EventBody[] = [{ type: 'ticket.issued', hallId: service.hallId, ticket }];
  if (appointment)
    events.push({
      type: 'appointment.checked-in',
      hallId: service.hallId,
      appointmentId: appointment.id,
      serviceId: service.id,
      slotAt: appointment.slotAt,
      ticketId: ticket.id,
    });
  return {
    events,
    inTransaction: () => appointment?.markCheckedIn(ticket.id),
    answer: (day) => ({ ticket: ticketView(day.index, ticketOf(day.queue, ticket.id)), estimate }),
  };
}
