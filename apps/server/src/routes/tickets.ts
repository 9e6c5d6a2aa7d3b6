import { ReasonCode } from '@novbe/protocol';
import type { RoutePlugin } from '../context';
import { HttpError } from '../errors';
import { handle } from './route';

/** Tickets: issuing online, an offline outbox, number leases, reading and cancelling. */
export const ticketRoutes: RoutePlugin = async (app, { ctx }) => {
  const { service, appointments, clock } = ctx;

  handle(app, 'issueTicket', ({ principal, body }) => {
    if (!body.fin) return service.issue(principal.id, body);
    // An ID card came with the request: check in to today's appointment when its window is
    // open; otherwise the citizen still gets a ticket, and the kiosk says why it is not one.
    const found = appointments.findForCheckIn(body.fin, body.serviceId);
    if (found?.window === 'on-time') {
      const { id, slotAt } = found.appointment;
      const issued = service.issue(principal.id, body, {
        id,
        slotAt,
        markCheckedIn: (ticketId) => appointments.markCheckedIn(id, ticketId),
      });
      return { ...issued, appointment: { id, slotAt, outcome: 'checked-in' } };
    }
    const issued = service.issue(principal.id, body);
    return {
      ...issued,
      appointment: found
        ? { id: found.appointment.id, slotAt: found.appointment.slotAt, outcome: found.window }
        : { id: '', slotAt: 0, outcome: 'none' },
    };
  });

  handle(app, 'syncTickets', ({ principal, body }) => service.sync(principal.id, body.tickets));

  handle(app, 'leaseNumbers', ({ principal, body }) => ({
    leases: service.lease(principal.id, body.serviceIds, body.size),
  }));

  handle(app, 'ticket', ({ params }) => {
    const ticket = service.findTicket(params.id);
    if (!ticket) throw new HttpError(404, ReasonCode.NotFound, 'no such ticket');
    return ticket;
  });

  handle(app, 'cancelTicket', ({ principal, params }) => {
    if (principal.kind === 'device') {
      if (!service.findTicket(params.id)) {
        // Never seen: the kiosk gave up on it; make sure it cannot arrive later.
        service.cancelUnseen(params.id, principal.id);
        return { id: params.id, cancelled: 'unseen' };
      }
      // A kiosk takes back what it printed itself (the citizen changed their mind at its
      // screen); any other ticket is a supervisor's to cancel.
      if (service.issuingKiosk(params.id) !== principal.id)
        throw new HttpError(403, ReasonCode.Forbidden, 'a kiosk cancels only the tickets it issued');
    }
    return service.cancel(params.id);
  });

  handle(app, 'serviceEstimate', ({ params, query }) => {
    if (!service.index.services.has(params.id))
      throw new HttpError(404, ReasonCode.UnknownEntity, `unknown service "${params.id}"`);
    return {
      serviceId: params.id,
      waiting: service.waitingIn(params.id),
      estimate: service.estimateFor(params.id, query.priority, clock()),
    };
  });
};
