import { PrinterProtocolError } from './errors';
import type { PaperState, PrinterStatus } from './status';

const DLE = 0x10;
const EOT = 0x04;

/** DLE EOT 1..4 in one write: printer, offline cause, error cause, roll paper sensor. */
export const DLE_EOT_ALL = Buffer.from([DLE, EOT, 1, DLE, EOT, 2, DLE, EOT, 3, DLE, EOT, 4]);
/** DLE EOT 2 alone: the offline cause, polled while a ticket prints. */
export const DLE_EOT_OFFLINE_CAUSE = Buffer.from([DLE, EOT, 2]);
/** GS r 1: paper sensor status, executed in stream order, so its answer confirms the ticket was processed. */
export const GS_R_PAPER = Buffer.from([0x1d, 0x72, 0x01]);
/** DLE DC4 8 with Epson's fixed key: clear receive and print buffers (the refused ticket must not print later). */
export const DLE_DC4_CLEAR = Buffer.from([DLE, 0x14, 8, 1, 3, 20, 1, 6, 2, 8]);
/** What a printer sends back for DLE DC4 8. */
export const CLEAR_RESPONSE = Buffer.from([0x37, 0x25, 0x00]);

/** A DLE EOT answer is 0xx1xx10b; a GS r answer is 0xx0xxxxb. Bit 4 tells them apart. */
export function isDleEotAnswer(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export function isGsrAnswer(b: number): boolean {
  return (b & 0x90) === 0;
}

/** Paper state in a GS r 1 answer: bits 0-1 near end, bits 2-3 paper end. */
export function paperFromGsr(b: number): PaperState {
  if (b & 0x0c) return 'out';
  if (b & 0x03) return 'near-end';
  return 'ok';
}

/** A DLE EOT 2 answer: is printing stopped, and why. */
export function offlineCause(b: number): { coverOpen: boolean; paperOut: boolean; error: boolean } {
  return { coverOpen: (b & 0x04) !== 0, paperOut: (b & 0x20) !== 0, error: (b & 0x40) !== 0 };
}

/** The four DLE EOT answers (n = 1..4, in order) as one status. */
export function statusFromDleEot(bytes: readonly number[]): PrinterStatus {
  if (bytes.length !== 4 || !bytes.every(isDleEotAnswer)) {
    throw new PrinterProtocolError(`not DLE EOT answers: ${bytes.map((b) => b.toString(16)).join(' ')}`);
  }
  const [printer, offline, error, paper] = bytes as [number, number, number, number];
  const paperOut = (paper & 0x60) !== 0 || (offline & 0x20) !== 0;
  return {
    connected: true,
    online: (printer & 0x08) === 0,
    coverOpen: (offline & 0x04) !== 0,
    paper: paperOut ? 'out' : paper & 0x0c ? 'near-end' : 'ok',
    cutterError: (error & 0x08) !== 0,
    fault: (error & (0x04 | 0x20 | 0x40)) !== 0,
  };
}
