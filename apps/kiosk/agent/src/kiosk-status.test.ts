import type { PrinterStatus } from '@novbe/printer';
import type { KioskStatus } from '@novbe/protocol';
import { describe, expect, it } from 'vitest';
import { KioskStatusTracker, printerState } from './kiosk-status';

const READY: PrinterStatus = {
  connected: true,
  online: true,
  coverOpen: false,
  paper: 'ok',
  cutterError: false,
  fault: false,
};

describe('kiosk status', () => {
  it('names the printer state, the most specific cause first', () => {
    expect(printerState(undefined)).toBe('offline');
    expect(printerState({ ...READY, connected: false })).toBe('offline');
    expect(printerState({ ...READY, online: false, coverOpen: true })).toBe('cover-open');
    expect(printerState({ ...READY, online: false, paper: 'out' })).toBe('paper-out');
    expect(printerState({ ...READY, online: false, cutterError: true })).toBe('error');
    expect(printerState({ ...READY, online: false })).toBe('offline');
    expect(printerState({ ...READY, paper: 'near-end' })).toBe('paper-near-end');
    expect(printerState(READY)).toBe('ready');
  });

  it('goes out of service for the printer or a missing pairing, and emits only changes', () => {
    const tracker = new KioskStatusTracker({
      printer: READY,
      link: 'online',
      paired: true,
      configured: true,
      cardReader: 'ready',
      outbox: 0,
    });
    const seen: KioskStatus[] = [];
    tracker.on('change', (s) => seen.push(s));
    expect(tracker.current).toMatchObject({ inService: true, reason: null, printer: 'ready' });
    tracker.update({ printer: { ...READY, paper: 'near-end' } }); // still prints
    tracker.update({ printer: { ...READY, paper: 'near-end' } }); // no change, no event
    tracker.update({ printer: { ...READY, online: false, paper: 'out' } });
    tracker.update({ link: 'offline', outbox: 2 }); // offline still issues, from leases
    tracker.update({ printer: READY });
    tracker.update({ paired: false });
    expect(seen.map((s) => [s.inService, s.reason, s.printer, s.link, s.outbox])).toEqual([
      [true, null, 'paper-near-end', 'online', 0],
      [false, 'paper-out', 'paper-out', 'online', 0],
      [false, 'paper-out', 'paper-out', 'offline', 2],
      [true, null, 'ready', 'offline', 2],
      [false, 'not-configured', 'ready', 'offline', 2],
    ]);
  });
});
