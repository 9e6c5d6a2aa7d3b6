import type { RoutePlugin } from '../context';
import { handle } from './route';

/** Appointments: booked by the call center or the portal, found by the kiosk's card reader. */
export const appointmentRoutes: RoutePlugin = async (app, { ctx }) => {
  const { appointments } = ctx;
  handle(app, 'bookAppointment', ({ principal, body }) => appointments.book(principal.id, body));
  handle(app, 'freeSlots', ({ query }) => appointments.freeSlots(query.serviceId, query.date));
  handle(app, 'findAppointments', ({ body }) => ({ appointments: appointments.lookup(body.fin) }));
};
