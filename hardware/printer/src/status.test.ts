import { describe, expect, it } from 'vitest';
import { dleEotByte, gsrPaperByte, starAsb, type EmulatedCondition } from './emulator/status-bytes';
import {
  PrinterCoverOpenError,
  PrinterCutterError,
  PrinterDisconnectedError,
  PrinterOfflineError,
  PrinterOutOfPaperError,
} from './errors';
import { isDleEotAnswer, isGsrAnswer, paperFromGsr, statusFromDleEot } from './escpos-status';
import { statusFromAsb } from './star-status';
import { DISCONNECTED, diffStatus, errorForStatus, type PrinterStatus } from './status';

const conditions: EmulatedCondition[] = [];
for (const paper of ['ok', 'near-end', 'out'] as const)
  for (const coverOpen of [false, true])
    for (const cutterError of [false, true])
      for (const offline of [false, true])
        conditions.push({ paper, coverOpen, cutterError, offline, etbCounter: 0 });

const expected = (c: EmulatedCondition): PrinterStatus => ({
  connected: true,
  online: !c.offline,
  coverOpen: c.coverOpen,
  paper: c.paper,
  cutterError: c.cutterError,
  fault: false,
});

describe('status bytes: emulator → driver', () => {
  it.each(conditions)('ESC/POS DLE EOT 1-4 and GS r 1 for %o', (c) => {
    const answers = [1, 2, 3, 4].map((n) => dleEotByte(n, c));
    expect(answers.every(isDleEotAnswer)).toBe(true);
    expect(statusFromDleEot(answers)).toEqual(expected(c));
    const gsr = gsrPaperByte(c);
    expect(isGsrAnswer(gsr) && !isDleEotAnswer(gsr)).toBe(true);
    expect(paperFromGsr(gsr)).toBe(c.paper);
  });

  it.each(conditions)('Star ASB for %o', (c) => {
    const asb = starAsb(c, false);
    expect(asb).toHaveLength(9);
    expect(statusFromAsb(asb)).toEqual({ ...expected(c), etbCounter: 0 });
  });

  it('carries every value of the Star ETB counter', () => {
    for (let n = 0; n < 32; n++) {
      const asb = starAsb({ ...conditions[0]!, etbCounter: n }, true);
      expect(statusFromAsb(asb).etbCounter).toBe(n);
    }
  });

  it('rejects bytes that are not status answers', () => {
    expect(() => statusFromDleEot([0x12, 0x12, 0x00, 0x12])).toThrow(/not DLE EOT/);
    expect(() => statusFromAsb(Uint8Array.of(0x23, 0x06, 0))).toThrow(/not a Star ASB/);
  });
});

describe('status changes and errors', () => {
  const ok: PrinterStatus = {
    connected: true,
    online: true,
    coverOpen: false,
    paper: 'ok',
    cutterError: false,
    fault: false,
  };

  it('names what changed', () => {
    expect(diffStatus(ok, { ...ok, paper: 'near-end' })).toEqual(['paper-near-end']);
    expect(diffStatus(ok, { ...ok, online: false, paper: 'out' })).toEqual(['offline', 'paper-out']);
    expect(diffStatus(ok, { ...ok, coverOpen: true, online: false })).toEqual(['offline', 'cover-open']);
    expect(diffStatus(ok, DISCONNECTED)).toEqual(['disconnected']);
    expect(diffStatus(ok, ok)).toEqual([]);
  });

  it('maps a status to the error print() rejects with, specific causes first', () => {
    expect(errorForStatus(ok)).toBeUndefined();
    expect(errorForStatus({ ...ok, paper: 'near-end' })).toBeUndefined();
    expect(errorForStatus({ ...ok, online: false, paper: 'out' })).toBeInstanceOf(PrinterOutOfPaperError);
    expect(errorForStatus({ ...ok, online: false, coverOpen: true })).toBeInstanceOf(PrinterCoverOpenError);
    expect(errorForStatus({ ...ok, online: false, cutterError: true })).toBeInstanceOf(PrinterCutterError);
    expect(errorForStatus({ ...ok, online: false })).toBeInstanceOf(PrinterOfflineError);
    expect(errorForStatus(DISCONNECTED)).toBeInstanceOf(PrinterDisconnectedError);
  });
});
