import { z } from 'zod';
import {
  CalendarDate,
  Fin,
  Id,
  Instant,
  Language,
  PriorityClass,
  PriorityReason,
  TicketStatus,
  Ulid,
} from './common';

/** A ticket as clients see it. */
export const TicketView = z.object({
  id: Ulid,
  number: z.string(),
  day: CalendarDate,
  serviceId: Id,
  hallId: Id,
  language: Language,
  priority: PriorityClass,
  status: TicketStatus,
  issuedAt: Instant,
  appointmentAt: Instant.nullable(),
  counterId: Id.nullable(),
  /** Issued by a kiosk while the server was out of reach. */
  offline: z.boolean(),
});
export type TicketView = z.infer<typeof TicketView>;

export const WaitEstimateView = z.object({
  ahead: z.number().int().nonnegative(),
  expectedMin: z.number().nonnegative(),
  lowMin: z.number().nonnegative(),
  highMin: z.number().nonnegative(),
});
export type WaitEstimateView = z.infer<typeof WaitEstimateView>;

/** A kiosk asks for a ticket online; the server numbers it. Idempotent by `id`. */
export const IssueRequest = z.object({
  id: Ulid,
  serviceId: Id,
  language: Language,
  priorityReason: PriorityReason.optional(),
  /** From the ID card, to find today's appointment; hashed at once, never stored in clear. */
  fin: Fin.optional(),
});
export type IssueRequest = z.infer<typeof IssueRequest>;

export const IssuedTicket = z.object({
  ticket: TicketView,
  estimate: WaitEstimateView.nullable(),
  /** When a FIN came with the request: what became of the citizen's appointment. */
  appointment: z
    .object({ id: z.string(), slotAt: Instant, outcome: z.enum(['checked-in', 'early', 'late', 'none']) })
    .nullable()
    .optional(),
});
export type IssuedTicket = z.infer<typeof IssuedTicket>;

/** A ticket a kiosk issued offline, from a leased block or its own fallback prefix. */
export const OfflineTicket = z.object({
  id: Ulid,
  serviceId: Id,
  language: Language,
  /**
   * The prefix and the day's sequence: at least three digits, at most nine. No center issues
   * a billion tickets a day, and a longer sequence is no longer an exact number when read.
   */
  number: z.string().regex(/^(?:[A-Z]{1,2}|K\d{1,2})-\d{3,9}$/),
  issuedAt: Instant,
  priorityReason: PriorityReason.optional(),
  leaseId: z.string().max(64).optional(),
});
export type OfflineTicket = z.infer<typeof OfflineTicket>;

export const SyncRequest = z.object({ tickets: z.array(OfflineTicket).min(1).max(500) });
export type SyncRequest = z.infer<typeof SyncRequest>;

/** Per ticket: accepted now, or already known (a replay), or refused with a reason. */
export const SyncResult = z.object({
  results: z.array(
    z.object({
      id: Ulid,
      outcome: z.enum(['accepted', 'duplicate', 'rejected']),
      reason: z.string().optional(),
    }),
  ),
});
export type SyncResult = z.infer<typeof SyncResult>;

export const LeaseRequest = z.object({
  serviceIds: z.array(Id).min(1).max(100),
  size: z.number().int().min(1).max(500),
});
export type LeaseRequest = z.infer<typeof LeaseRequest>;

export const NumberLeaseView = z.object({
  id: z.string(),
  kioskId: z.string(),
  prefix: z.string(),
  day: CalendarDate,
  first: z.number().int(),
  last: z.number().int(),
});
export const LeaseResponse = z.object({ leases: z.array(NumberLeaseView) });
export type LeaseResponse = z.infer<typeof LeaseResponse>;

/** How many wait for a service now, and what a new ticket would wait. */
export const ServiceEstimate = z.object({
  serviceId: z.string(),
  waiting: z.number().int().nonnegative(),
  estimate: WaitEstimateView.nullable(),
});
export type ServiceEstimate = z.infer<typeof ServiceEstimate>;

/** A ticket named in a path: always its ULID. */
export const TicketParams = z.object({ id: Ulid });

export const EstimateQuery = z.object({ priority: PriorityClass.default('regular') });

/** A cancelled ticket, or a kiosk's id the server never saw, remembered so it cannot arrive. */
export const CancelResult = z.union([TicketView, z.object({ id: Ulid, cancelled: z.literal('unseen') })]);
export type CancelResult = z.infer<typeof CancelResult>;
