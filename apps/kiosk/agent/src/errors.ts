import { ProtocolError, ReasonCode, type ErrorBody, type OutOfServiceReason } from '@novbe/protocol';
import { PrinterError } from '@novbe/printer';
import { ZodError } from 'zod';

/** The kiosk cannot give a ticket now; the renderer shows its out-of-service screen. */
export class KioskOutOfServiceError extends Error {
  override name = 'KioskOutOfServiceError';
  constructor(
    readonly reason: OutOfServiceReason,
    message: string,
  ) {
    super(message);
  }
}

/** The renderer asked for a service the center does not have (or no longer has). */
export class UnknownServiceError extends Error {
  override name = 'UnknownServiceError';
  constructor(readonly serviceId: string) {
    super(`unknown service "${serviceId}"`);
  }
}

/** A `scanId` that is not (or no longer) held: it was used, cancelled or expired. */
export class ScanNotFoundError extends Error {
  override name = 'ScanNotFoundError';
  constructor() {
    super('that card read is no longer held: scan the card again');
  }
}

/** The kiosk has no working card reader; the renderer skips the card step. */
export class CardReaderAbsentError extends Error {
  override name = 'CardReaderAbsentError';
}

/** Pairing failed: a wrong or used code, or a code for another kind of device. */
export class PairingError extends Error {
  override name = 'PairingError';
}

/** Parameters from the renderer that do not match the contract. */
export class BadKioskRequestError extends Error {
  override name = 'BadKioskRequestError';
}

/**
 * A thrown error as the coded body the renderer gets (both carriers use it: `serveAgent`'s
 * `toError` and the Electron IPC carrier's `callHandler`). The message names no card data.
 */
export function kioskErrorBody(error: unknown): ErrorBody {
  if (error instanceof KioskOutOfServiceError)
    return { code: ReasonCode.OutOfService, message: `${error.reason}: ${error.message}` };
  if (error instanceof UnknownServiceError) return { code: ReasonCode.UnknownEntity, message: error.message };
  if (error instanceof ScanNotFoundError || error instanceof CardReaderAbsentError)
    return { code: ReasonCode.NotFound, message: error.message };
  if (error instanceof BadKioskRequestError || error instanceof ZodError)
    return { code: ReasonCode.BadRequest, message: error.message };
  if (error instanceof PrinterError) return { code: ReasonCode.OutOfService, message: error.message };
  if (error instanceof ProtocolError) return { code: error.code, message: error.message };
  return { code: ReasonCode.Internal, message: 'internal error in the kiosk agent' };
}
