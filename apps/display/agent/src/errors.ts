import { ProtocolError, ReasonCode, type ErrorBody } from '@novbe/protocol';
import { ZodError } from 'zod';

/** Pairing failed: an unknown, expired or used code, or a code for another kind of device. */
export class PairingError extends Error {
  override name = 'PairingError';
  constructor(
    message: string,
    /** The server's reason when it refused the code. */
    readonly code: ErrorBody['code'] = ReasonCode.BadRequest,
  ) {
    super(message);
  }
}

/** Parameters from a screen that do not match the handler map. */
export class BadDisplayRequestError extends Error {
  override name = 'BadDisplayRequestError';
}

/** A thrown error as the coded body a screen gets (both carriers use it). */
export function displayErrorBody(error: unknown): ErrorBody {
  if (error instanceof PairingError) return { code: error.code, message: error.message };
  if (error instanceof BadDisplayRequestError || error instanceof ZodError)
    return { code: ReasonCode.BadRequest, message: error.message };
  if (error instanceof ProtocolError) return { code: error.code, message: error.message };
  return { code: ReasonCode.Internal, message: 'the display agent failed; see its log' };
}
