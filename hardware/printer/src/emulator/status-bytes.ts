/** The condition of the emulated printer that its status bytes report. */
export interface EmulatedCondition {
  readonly paper: 'ok' | 'near-end' | 'out';
  readonly coverOpen: boolean;
  readonly cutterError: boolean;
  /** Offline by the panel switch or because printing stopped for one of the reasons above. */
  readonly offline: boolean;
  /** Star ETB counter, 0–31. */
  readonly etbCounter: number;
}

/**
 * ESC/POS DLE EOT n answer: one byte, bits 1 and 4 always set (0b0xx1xx10), so a host can tell
 * it from a GS r answer, whose bit 4 is always clear.
 */
export function dleEotByte(n: number, c: EmulatedCondition): number {
  const fixed = 0x12;
  switch (n) {
    case 1: // printer: bit 3 offline
      return fixed | (c.offline ? 0x08 : 0);
    case 2: // offline cause: bit 2 cover open, bit 5 stopped by paper end, bit 6 error
      return fixed | (c.coverOpen ? 0x04 : 0) | (c.paper === 'out' ? 0x20 : 0) | (c.cutterError ? 0x40 : 0);
    case 3: // error cause: bit 3 auto-cutter error
      return fixed | (c.cutterError ? 0x08 : 0);
    case 4: // roll paper sensor: bits 2-3 near end, bits 5-6 paper end
      return fixed | (c.paper === 'near-end' ? 0x0c : 0) | (c.paper === 'out' ? 0x60 : 0);
    default:
      return fixed;
  }
}

/** ESC/POS GS r 1 answer: bits 0-1 near end, bits 2-3 paper end; bit 4 always clear. */
export function gsrPaperByte(c: EmulatedCondition): number {
  return (c.paper === 'near-end' ? 0x03 : 0) | (c.paper === 'out' ? 0x0c : 0);
}

/**
 * Star ASB, 9 bytes: header 1 carries the length (bits 1-3 and 5), then printer status 1-7
 * (cover bit 5 and offline bit 3 in the 3rd byte, auto-cutter bit 3 in the 4th, paper end bit 3
 * and near end bit 2 in the 6th) and the ETB counter in the 8th.
 */
export function starAsb(c: EmulatedCondition, etbExecuted: boolean): Buffer {
  const length = 9;
  const header1 = 0x01 | ((length & 0x07) << 1) | ((length & 0x08) << 2);
  const counter = c.etbCounter & 0x1f;
  return Buffer.from([
    header1,
    0x06, // header 2: ASB version 3
    (c.coverOpen ? 0x20 : 0) | (c.offline ? 0x08 : 0) | (etbExecuted ? 0x02 : 0),
    c.cutterError ? 0x08 : 0,
    0x00,
    (c.paper === 'out' ? 0x08 : 0) | (c.paper === 'near-end' ? 0x04 : 0),
    0x00,
    ((counter & 0x07) << 1) | ((counter & 0x18) << 2),
    0x00,
  ]);
}
