/** What went wrong at the printer, as a code callers and logs can switch on. */
export const PrinterErrorCode = {
  OutOfPaper: 'printer-out-of-paper',
  CoverOpen: 'printer-cover-open',
  Offline: 'printer-offline',
  Cutter: 'printer-cutter-error',
  Fault: 'printer-fault',
  Timeout: 'printer-timeout',
  Disconnected: 'printer-disconnected',
  Protocol: 'printer-protocol-error',
  InvalidTicket: 'invalid-ticket',
} as const;
export type PrinterErrorCode = (typeof PrinterErrorCode)[keyof typeof PrinterErrorCode];

/** Base of every error this package throws on purpose. */
export abstract class PrinterError extends Error {
  abstract readonly code: PrinterErrorCode;
}

export class PrinterOutOfPaperError extends PrinterError {
  override name = 'PrinterOutOfPaperError';
  readonly code = PrinterErrorCode.OutOfPaper;
  constructor(message = 'the printer is out of paper') {
    super(message);
  }
}

export class PrinterCoverOpenError extends PrinterError {
  override name = 'PrinterCoverOpenError';
  readonly code = PrinterErrorCode.CoverOpen;
  constructor(message = 'the printer cover is open') {
    super(message);
  }
}

/** Offline for a reason the printer does not name (or names only as "offline"). */
export class PrinterOfflineError extends PrinterError {
  override name = 'PrinterOfflineError';
  readonly code = PrinterErrorCode.Offline;
  constructor(message = 'the printer is offline') {
    super(message);
  }
}

export class PrinterCutterError extends PrinterError {
  override name = 'PrinterCutterError';
  readonly code = PrinterErrorCode.Cutter;
  constructor(message = 'the auto-cutter failed (paper jam?)') {
    super(message);
  }
}

/** Unrecoverable, mechanical or head-temperature error: needs a person or a power cycle. */
export class PrinterFaultError extends PrinterError {
  override name = 'PrinterFaultError';
  readonly code = PrinterErrorCode.Fault;
}

/** The printer did not answer in time; whether it printed is unknown, so it counts as not printed. */
export class PrinterTimeoutError extends PrinterError {
  override name = 'PrinterTimeoutError';
  readonly code = PrinterErrorCode.Timeout;
}

export class PrinterDisconnectedError extends PrinterError {
  override name = 'PrinterDisconnectedError';
  readonly code = PrinterErrorCode.Disconnected;
}

/** The printer answered with bytes that are not a valid status. */
export class PrinterProtocolError extends PrinterError {
  override name = 'PrinterProtocolError';
  readonly code = PrinterErrorCode.Protocol;
}

export class InvalidTicketError extends PrinterError {
  override name = 'InvalidTicketError';
  readonly code = PrinterErrorCode.InvalidTicket;
}
