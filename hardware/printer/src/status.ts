import {
  PrinterCoverOpenError,
  PrinterCutterError,
  PrinterDisconnectedError,
  PrinterFaultError,
  PrinterOfflineError,
  PrinterOutOfPaperError,
  type PrinterError,
} from './errors';

export type PaperState = 'ok' | 'near-end' | 'out';

/** What the printer last said about itself. */
export interface PrinterStatus {
  /** The link is up and the printer answers status queries. */
  readonly connected: boolean;
  readonly online: boolean;
  readonly coverOpen: boolean;
  readonly paper: PaperState;
  readonly cutterError: boolean;
  /** Unrecoverable, mechanical or head-temperature error. */
  readonly fault: boolean;
}

export const DISCONNECTED: PrinterStatus = {
  connected: false,
  online: false,
  coverOpen: false,
  paper: 'ok',
  cutterError: false,
  fault: false,
};

/** One thing that changed between two statuses, named for what a kiosk would show or log. */
export type StatusChange =
  | 'connected'
  | 'disconnected'
  | 'online'
  | 'offline'
  | 'cover-open'
  | 'cover-closed'
  | 'paper-ok'
  | 'paper-near-end'
  | 'paper-out'
  | 'cutter-error'
  | 'cutter-ok'
  | 'fault'
  | 'fault-cleared';

/** The changes from `prev` to `next`; every field that differs from `prev` (or all, without one). */
export function diffStatus(prev: PrinterStatus | undefined, next: PrinterStatus): StatusChange[] {
  const changes: StatusChange[] = [];
  const changed = <K extends keyof PrinterStatus>(k: K) => prev === undefined || prev[k] !== next[k];
  if (changed('connected')) changes.push(next.connected ? 'connected' : 'disconnected');
  if (!next.connected) return changes;
  if (changed('online')) changes.push(next.online ? 'online' : 'offline');
  if (changed('coverOpen')) changes.push(next.coverOpen ? 'cover-open' : 'cover-closed');
  if (changed('paper')) changes.push(`paper-${next.paper}`);
  if (changed('cutterError')) changes.push(next.cutterError ? 'cutter-error' : 'cutter-ok');
  if (changed('fault')) changes.push(next.fault ? 'fault' : 'fault-cleared');
  return changes;
}

/**
 * Why a printer in `status` cannot print, as the error print() rejects with, or undefined when
 * it can. Named causes win over the plain "offline" they also cause.
 */
export function errorForStatus(status: PrinterStatus): PrinterError | undefined {
  if (!status.connected) return new PrinterDisconnectedError('the printer does not answer');
  if (status.coverOpen) return new PrinterCoverOpenError();
  if (status.paper === 'out') return new PrinterOutOfPaperError();
  if (status.cutterError) return new PrinterCutterError();
  if (status.fault) return new PrinterFaultError('the printer reports a hardware fault');
  if (!status.online) return new PrinterOfflineError();
  return undefined;
}
