import { z } from 'zod';
import { CalendarDate, Fin, Id, Instant } from './common';

/** A booking, as the 108 call center or the web portal makes it. */
export const BookAppointment = z.object({ serviceId: Id, slotAt: Instant, fin: Fin });
export type BookAppointment = z.infer<typeof BookAppointment>;

export const AppointmentStatus = z.enum(['booked', 'checked-in', 'released', 'cancelled']);

export const AppointmentView = z.object({
  id: z.string(),
  serviceId: Id,
  slotAt: Instant,
  status: AppointmentStatus,
  /** For a kiosk lookup: whether the citizen may check in now. */
  window: z.enum(['early', 'on-time', 'late']).optional(),
});
export type AppointmentView = z.infer<typeof AppointmentView>;

export const AppointmentLookup = z.object({ fin: Fin });
export const AppointmentList = z.object({ appointments: z.array(AppointmentView) });
export type AppointmentList = z.infer<typeof AppointmentList>;

export const FreeSlots = z.object({
  serviceId: Id,
  slots: z.array(z.object({ at: Instant, free: z.number().int() })),
});
export type FreeSlots = z.infer<typeof FreeSlots>;

export const SlotsQuery = z.object({ serviceId: Id, date: CalendarDate });
export type SlotsQuery = z.infer<typeof SlotsQuery>;
