/**
 * Named errors of the queue domain. Callers (server, kiosk agent) map them to protocol reason
 * codes; `code` is stable and machine-readable, `message` is for logs and operators.
 */
export abstract class QueueError extends Error {
  abstract readonly code: string;
}

export class InvalidCenterError extends QueueError {
  override name = 'InvalidCenterError';
  readonly code = 'invalid-center';
  constructor(readonly issues: readonly string[]) {
    super(`invalid center configuration:\n  ${issues.join('\n  ')}`);
  }
}

export class IllegalTransitionError extends QueueError {
  override name = 'IllegalTransitionError';
  readonly code = 'illegal-transition';
  constructor(
    readonly ticketId: string,
    readonly from: string,
    readonly action: string,
  ) {
    super(`ticket ${ticketId}: cannot ${action} a ticket that is ${from}`);
  }
}

export class UnknownEntityError extends QueueError {
  override name = 'UnknownEntityError';
  readonly code = 'unknown-entity';
  constructor(
    readonly kind: 'service' | 'counter' | 'ticket' | 'staff' | 'hall' | 'agency',
    readonly id: string,
  ) {
    super(`unknown ${kind} "${id}"`);
  }
}

export class CounterStateError extends QueueError {
  override name = 'CounterStateError';
  readonly code = 'counter-state';
  constructor(
    readonly counterId: string,
    readonly reason: 'not-open' | 'busy' | 'idle' | 'staff-elsewhere' | 'not-serving-service',
    detail?: string,
  ) {
    super(`counter ${counterId}: ${detail ?? reason}`);
  }
}

/** A staff member tried to open a counter someone else holds: only a supervisor takes it over. */
export class CounterHeldError extends QueueError {
  override name = 'CounterHeldError';
  readonly code = 'counter-held';
  constructor(
    readonly counterId: string,
    readonly holderId: string,
    detail: string,
  ) {
    super(`counter ${counterId}: ${detail}`);
  }
}

/** A staff member may not work this counter (not an operator, or another agency's counter). */
export class CounterNotPermittedError extends QueueError {
  override name = 'CounterNotPermittedError';
  readonly code = 'counter-not-permitted';
  constructor(
    readonly counterId: string,
    readonly staffId: string,
    detail: string,
  ) {
    super(`counter ${counterId}: ${detail}`);
  }
}

export class DuplicateTicketError extends QueueError {
  override name = 'DuplicateTicketError';
  readonly code = 'duplicate-ticket';
  constructor(
    readonly ticketId: string,
    detail: string,
  ) {
    super(`ticket ${ticketId}: ${detail}`);
  }
}

export class InvalidTicketError extends QueueError {
  override name = 'InvalidTicketError';
  readonly code = 'invalid-ticket';
  constructor(
    readonly ticketId: string,
    detail: string,
  ) {
    super(`ticket ${ticketId}: ${detail}`);
  }
}

export class LeaseError extends QueueError {
  override name = 'LeaseError';
  readonly code = 'lease';
  constructor(detail: string) {
    super(detail);
  }
}

/** Closes a `switch` over a union: the compiler proves every case is handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
