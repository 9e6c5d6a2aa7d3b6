import { QueueError } from '@novbe/core';
import { ReasonCode, type ErrorBody } from '@novbe/protocol';
import { SyncFailedError } from '@novbe/store';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { ConfigurationConflictError, StorageError } from './center/errors';

/** A refusal the server chose, with its HTTP status and reason code. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ReasonCode,
    message: string,
  ) {
    super(message);
  }
}

const QUEUE_STATUS: Record<string, [number, ReasonCode]> = {
  'illegal-transition': [409, ReasonCode.IllegalTransition],
  'counter-state': [409, ReasonCode.CounterState],
  'counter-held': [409, ReasonCode.CounterHeld],
  'counter-not-permitted': [403, ReasonCode.Forbidden],
  'unknown-entity': [404, ReasonCode.UnknownEntity],
  'duplicate-ticket': [409, ReasonCode.DuplicateTicket],
  'invalid-ticket': [400, ReasonCode.InvalidTicket],
  lease: [400, ReasonCode.Lease],
  'invalid-center': [400, ReasonCode.BadRequest],
};

/** Any error as the status and body a client gets; the log keeps the detail. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof HttpError)
    return { status: error.status, body: { code: error.code, message: error.message } };
  if (hasZodFastifySchemaValidationErrors(error)) {
    // A request that does not fit the contract: name the field, as a person would look for it.
    const first = error.validation[0];
    const where = first?.instancePath.slice(1).replaceAll('/', '.') || error.validationContext || 'body';
    return {
      status: 400,
      body: { code: ReasonCode.BadRequest, message: `${where}: ${first?.message ?? 'invalid'}` },
    };
  }
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first?.path.length ? first.path.join('.') : 'body';
    return {
      status: 400,
      body: { code: ReasonCode.BadRequest, message: `${where}: ${first?.message ?? 'invalid'}` },
    };
  }
  if (error instanceof QueueError) {
    const [status, code] = QUEUE_STATUS[error.code] ?? [400, ReasonCode.BadRequest];
    return { status, body: { code, message: error.message } };
  }
  if (error instanceof ConfigurationConflictError)
    return { status: 409, body: { code: ReasonCode.Conflict, message: error.message } };
  if (error instanceof StorageError)
    return {
      status: 503,
      body: {
        code: ReasonCode.StorageUnavailable,
        message: 'storage unavailable: nothing was recorded, try again',
      },
    };
  if (error instanceof SyncFailedError)
    return {
      status: 503,
      body: {
        code: ReasonCode.StorageUnavailable,
        message: 'storage failing: the disk did not confirm the write; the server restarts, try again then',
      },
    };
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { status: 413, body: { code: ReasonCode.PayloadTooLarge, message: 'request body too large' } };
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return {
      status: e.statusCode,
      body: { code: ReasonCode.BadRequest, message: e.message ?? 'bad request' },
    };
  return { status: 500, body: { code: ReasonCode.Internal, message: 'internal error' } };
}
