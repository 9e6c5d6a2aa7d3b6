import { z } from 'zod';

/** Why a request failed: stable codes a client can act on; the message is for people. */
export const ReasonCode = {
  BadRequest: 'bad-request',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  NotFound: 'not-found',
  Conflict: 'conflict',
  PayloadTooLarge: 'payload-too-large',
  /** Too many attempts (logins, pairing codes) in a short time; wait and try again. */
  TooManyRequests: 'too-many-requests',
  ClientTooOld: 'client-too-old',
  ClientTooNew: 'client-too-new',
  IllegalTransition: 'illegal-transition',
  CounterState: 'counter-state',
  /** The counter is held by another staff member; a supervisor can take it over. */
  CounterHeld: 'counter-held',
  UnknownEntity: 'unknown-entity',
  DuplicateTicket: 'duplicate-ticket',
  InvalidTicket: 'invalid-ticket',
  Lease: 'lease',
  AppointmentWindow: 'appointment-window',
  StorageUnavailable: 'storage-unavailable',
  /** The appliance cannot do its job now (printer out of paper, no capacity). */
  OutOfService: 'out-of-service',
  Internal: 'internal',
} as const;
export type ReasonCode = (typeof ReasonCode)[keyof typeof ReasonCode];

export const ErrorBody = z.object({
  code: z.enum(Object.values(ReasonCode) as [ReasonCode, ...ReasonCode[]]),
  message: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** What crosses a process boundary: a value or a coded error, never a thrown exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** A failed request as the typed clients throw it. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
  constructor(
    readonly code: ReasonCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
