import { PrinterProtocolError } from './errors';
import type { PrinterStatus } from './status';

/** ESC ACK SOH: Star's real-time request for the automatic status (ASB). */
export const STAR_ASB_REQUEST = Buffer.from([0x1b, 0x06, 0x01]);
/** ETB: bumps the printer's ETB counter when it is reached in the stream, confirming what came before. */
export const STAR_ETB = Buffer.from([0x17]);

/** Header 1 of an ASB: bit 0 set, bits 4 and 7 clear; the total length sits in bits 1-3 and 5. */
export function isAsbHeader(b: number): boolean {
  return (b & 0x91) === 0x01;
}

export function asbLength(header1: number): number {
  return ((header1 >> 2) & 0x08) | ((header1 >> 1) & 0x07);
}

export interface StarStatus extends PrinterStatus {
  /** Counts ETBs the printer has processed, 0–31; undefined when the ASB is too short to carry it. */
  readonly etbCounter: number | undefined;
}

/** Decodes a whole ASB (header 1 first). */
export function statusFromAsb(asb: Uint8Array): StarStatus {
  const h = asb[0];
  if (h === undefined || !isAsbHeader(h) || asb.length !== asbLength(h) || asb.length < 7) {
    throw new PrinterProtocolError(`not a Star ASB: ${Buffer.from(asb).toString('hex')}`);
  }
  const printer = asb[2]!;
  const error = asb[3]!;
  const sensor = asb[5]!;
  const counter = asb[7];
  return {
    connected: true,
    online: (printer & 0x08) === 0,
    coverOpen: (printer & 0x20) !== 0,
    paper: sensor & 0x08 ? 'out' : sensor & 0x06 ? 'near-end' : 'ok',
    cutterError: (error & 0x08) !== 0,
    fault: (error & (0x04 | 0x20 | 0x40)) !== 0,
    etbCounter: counter === undefined ? undefined : ((counter >> 1) & 0x07) | ((counter >> 2) & 0x18),
  };
}
