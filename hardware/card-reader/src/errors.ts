import type { CardRejectReason, CardRejection, MrzField } from './reject-reason';

/** A card read was refused; carries the rejection, never the MRZ. */
export class CardRejectedError extends Error {
  override name = 'CardRejectedError';
  readonly reason: CardRejectReason;
  readonly field: MrzField | undefined;
  constructor(rejection: CardRejection) {
    super(rejection.message);
    this.reason = rejection.reason;
    this.field = rejection.field;
  }
}

/** The reader went away (USB unplugged, pty closed) while it was open. */
export class CardReaderDisconnectedError extends Error {
  override name = 'CardReaderDisconnectedError';
}

/** The reader could not be opened (no such port or device, permission denied, busy). */
export class CardReaderOpenError extends Error {
  override name = 'CardReaderOpenError';
}

/** A read was used after its transaction dropped it. */
export class CardReadDroppedError extends Error {
  override name = 'CardReadDroppedError';
  constructor() {
    super('this card read was dropped at the end of its transaction');
  }
}

/** A HID report that is not a boot keyboard report (8 bytes, or 9 with a report id). */
export class HidReportError extends Error {
  override name = 'HidReportError';
}
