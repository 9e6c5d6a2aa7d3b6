import type { TicketView } from '@novbe/protocol';
import type { TicketRepository } from '../ticket-repository';
import { serviceOf, ticketOf, ticketView } from '../views';
import type { CommandContext, CommandOutcome } from './context';

/** Cancels a waiting ticket (the citizen gave up). */
export function cancelTicket(ctx: CommandContext, ticketId: string): CommandOutcome<TicketView> {
  const t = ctx.queue.checkCancel(ticketId);
  return {
    events: [
      {
        type: 'ticket.cancelled',
        hallId: serviceOf(ctx.index, t.serviceId).hallId,
        ticketId,
        number: t.number,
      },
    ],
    answer: (day) => ticketView(day.index, ticketOf(day.queue, ticketId)),
  };
}

/**
 * A kiosk cancels a ticket the server may never have seen (its request timed out): the id is
 * remembered so that the request, arriving late, cannot create it. A known ticket is left as is.
 */
export function cancelUnseen(
  today: { ticket(id: string): unknown },
  tickets: TicketRepository,
  ticketId: string,
  kioskId: string,
  at: number,
): void {
  if (today.ticket(ticketId) || tickets.has(ticketId)) return;
  tickets.rememberCancelledUnseen(ticketId, kioskId, at);
}
