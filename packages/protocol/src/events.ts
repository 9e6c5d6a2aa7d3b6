import { z } from 'zod';
import { Id, Instant, Language, PriorityClass, PriorityReason } from './common';
import { CounterView } from './counters';
import { NumberLeaseView } from './tickets';

const hall = { hallId: Id.nullable() };
const ticketAtCounter = {
  ticketId: z.string(),
  number: z.string(),
  /** The service it was called for (a transfer moves it on afterwards). */
  serviceId: Id,
  counterId: Id,
  counterNumber: z.number().int(),
  ...hall,
};

/**
 * What happened at the center. The same shapes are the event log's rows and what displays
 * receive: each carries enough to replay it, and the hall it concerns (null: center-wide).
 */
export const EventBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ticket.issued'),
    ...hall,
    ticket: z.object({
      id: z.string(),
      number: z.string(),
      prefix: z.string(),
      seq: z.number().int(),
      day: z.string(),
      serviceId: Id,
      language: Language,
      priority: PriorityClass,
      priorityReason: PriorityReason.nullable(),
      appointmentAt: Instant.nullable(),
      issuedAt: Instant,
      kioskId: z.string().nullable(),
      offline: z.boolean(),
    }),
  }),
  z.object({
    type: z.literal('ticket.called'),
    ...ticketAtCounter,
    reason: z.string(),
    privileged: z.boolean(),
    outOfOrder: z.boolean(),
    staffId: z.string().nullable(),
  }),
  z.object({ type: z.literal('ticket.recalled'), ...ticketAtCounter }),
  z.object({ type: z.literal('ticket.started'), ...ticketAtCounter }),
  z.object({ type: z.literal('ticket.finished'), ...ticketAtCounter }),
  z.object({ type: z.literal('ticket.no-show'), ...ticketAtCounter }),
  z.object({
    type: z.literal('ticket.transferred'),
    ...ticketAtCounter,
    toServiceId: Id.nullable(),
    toCounterId: Id.nullable(),
    keepWaitingTime: z.boolean(),
  }),
  z.object({ type: z.literal('ticket.cancelled'), ...hall, ticketId: z.string(), number: z.string() }),
  z.object({
    type: z.enum(['counter.opened', 'counter.paused', 'counter.closed']),
    ...hall,
    counterId: Id,
    counterNumber: z.number().int(),
    staffId: z.string().nullable(),
  }),
  z.object({ type: z.literal('lease.granted'), ...hall, lease: NumberLeaseView }),
  z.object({
    type: z.enum([
      'appointment.booked',
      'appointment.checked-in',
      'appointment.released',
      'appointment.cancelled',
    ]),
    ...hall,
    appointmentId: z.string(),
    serviceId: Id,
    slotAt: Instant,
    ticketId: z.string().nullable(),
  }),
  z.object({ type: z.literal('config.changed'), ...hall, centerId: z.string() }),
  z.object({
    type: z.enum(['device.paired', 'device.revoked']),
    ...hall,
    deviceId: z.string(),
    role: z.string(),
    name: z.string(),
  }),
]);
export type EventBody = z.infer<typeof EventBody>;
export type EventType = EventBody['type'];

export const CenterEvent = z.intersection(
  z.object({ seq: z.number().int().positive(), at: Instant }),
  EventBody,
);
export type CenterEvent = EventBody & { seq: number; at: number };

/** The state a display needs to start from when it missed too much to replay. */
export const Snapshot = z.object({
  seq: z.number().int().nonnegative(),
  counters: z.array(CounterView),
  /** The latest calls, newest first. */
  recentCalls: z.array(
    z.object({ number: z.string(), counterNumber: z.number().int(), hallId: Id, at: Instant }),
  ),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** Client → server on the event stream. The token travels here because browsers cannot set
 * headers on a WebSocket. */
export const StreamHello = z.object({
  type: z.literal('hello'),
  protocol: z.number().int(),
  token: z.string().min(1).max(200),
  /** The last sequence number this client saw; 0 or absent for a fresh start. */
  since: z.number().int().nonnegative().optional(),
});
export type StreamHello = z.infer<typeof StreamHello>;

/** Server → client on the event stream. */
export type StreamMessage =
  | { type: 'welcome'; protocol: number; seq: number }
  | { type: 'events'; events: CenterEvent[] }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'error'; error: { code: string; message: string } };
