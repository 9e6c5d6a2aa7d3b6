import {
  UnknownEntityError,
  type CenterIndex,
  type CounterState,
  type Service,
  type Ticket,
  type WaitEstimate,
} from '@novbe/core';
import type { CenterEvent, CounterView, TicketView, WaitEstimateView } from '@novbe/protocol';
import type { TicketRow } from './ticket-repository';

/** A configured service; a ticket's service is always one, unless the index is stale. */
export function serviceOf(index: CenterIndex, serviceId: string): Service {
  const service = index.services.get(serviceId);
  if (!service) throw new UnknownEntityError('service', serviceId);
  return service;
}

/** Today's ticket by id; `UnknownEntityError` when memory has no such ticket. */
export function ticketOf(tickets: { ticket(id: string): Ticket | undefined }, id: string): Ticket {
  const t = tickets.ticket(id);
  if (!t) throw new UnknownEntityError('ticket', id);
  return t;
}

/** A ticket as clients see it; `offline` comes from the projection (memory does not keep it). */
export function ticketView(index: CenterIndex, t: Ticket, offline = false): TicketView {
  return {
    id: t.id,
    number: t.number,
    day: t.day,
    serviceId: t.serviceId,
    hallId: serviceOf(index, t.serviceId).hallId,
    language: t.language,
    priority: t.priority,
    status: t.status,
    issuedAt: t.issuedAt,
    appointmentAt: t.appointmentAt,
    counterId: t.counterId,
    offline,
  };
}

/** The tickets projection's row of the ticket an event is about, as memory holds it after the event. */
export function projectedTicket(
  index: CenterIndex,
  today: { ticket(id: string): Ticket | undefined },
  e: CenterEvent,
): TicketRow | null {
  const issued = e.type === 'ticket.issued' ? e.ticket : null;
  const id = issued ? issued.id : 'ticketId' in e ? e.ticketId : null;
  const t = id === null ? undefined : today.ticket(id);
  if (!t) return null;
  return {
    ...ticketView(index, t),
    firstCalledAt: t.firstCalledAt,
    endedAt: t.endedAt,
    kioskId: issued?.kioskId ?? null,
    offline: issued?.offline ?? false,
    seq: e.seq,
  };
}

/** A counter as clients see it, with the number of the ticket it holds. */
export function counterView(
  c: CounterState,
  tickets: { ticket(id: string): Ticket | undefined },
): CounterView {
  const ticket = c.ticketId ? tickets.ticket(c.ticketId) : undefined;
  return {
    id: c.id,
    number: c.number,
    hallId: c.hallId,
    status: c.status,
    staffId: c.staffId,
    ticketId: c.ticketId,
    ticketNumber: ticket?.number ?? null,
  };
}

const toMinutes = (ms: number) => Math.round((ms / 60_000) * 10) / 10;

/** A wait estimate in minutes to one decimal, as clients show it. */
export function estimateView(e: WaitEstimate | null): WaitEstimateView | null {
  return (
    e && {
      ahead: e.ahead,
      expectedMin: toMinutes(e.expectedMs),
      lowMin: toMinutes(e.lowMs),
      highMin: toMinutes(e.highMs),
    }
  );
}
