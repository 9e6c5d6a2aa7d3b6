import { describe, expect, it } from 'vitest';

import { HidReportError } from './errors';
import { HidKeyboardDecoder } from './hid-keyboard-decoder';
import { hidReportsForCard, textToHidReports } from './hid-reports';
import { generateTestCard } from './test-card';

const UP = [0, 0, 0, 0, 0, 0, 0, 0];
const decodeAll = (decoder: HidKeyboardDecoder, reports: readonly number[][] | readonly Buffer[]) =>
  reports.map((report) => decoder.decode(Uint8Array.from(report))).join('');

describe('HidKeyboardDecoder', () => {
  it('decodes the exact boot reports for "ID<7", Enter', () => {
    const reports = [
      [0x02, 0, 0x0c, 0, 0, 0, 0, 0], // Shift+i
      UP,
      [0x02, 0, 0x07, 0, 0, 0, 0, 0], // Shift+d
      UP,
      [0x02, 0, 0x36, 0, 0, 0, 0, 0], // Shift+, is < on a US layout
      UP,
      [0x00, 0, 0x24, 0, 0, 0, 0, 0], // 7
      UP,
      [0x00, 0, 0x28, 0, 0, 0, 0, 0], // Enter
      UP,
    ];
    expect(decodeAll(new HidKeyboardDecoder(), reports)).toBe('ID<7\r');
  });

  it('drops a report id prefix (9-byte reports)', () => {
    const reports = [
      [0x01, 0x20, 0, 0x36, 0, 0, 0, 0, 0],
      [0x01, ...UP],
      [0x01, 0, 0, 0x27, 0, 0, 0, 0, 0],
    ];
    expect(decodeAll(new HidKeyboardDecoder(), reports)).toBe('<0'); // right shift counts too
  });

  it('types letters upper case whatever the shift state, since the MRZ has no lower case', () => {
    expect(
      decodeAll(new HidKeyboardDecoder(), [[0, 0, 0x04, 0, 0, 0, 0, 0], UP, [0, 0, 0x59, 0, 0, 0, 0, 0]]),
    ).toBe('A1');
  });

  it('types a held key once, a repeated letter only after a release, and overlapping presses in order', () => {
    const decoder = new HidKeyboardDecoder();
    const held = [0x02, 0, 0x36, 0, 0, 0, 0, 0];
    expect(decodeAll(decoder, [held, held, held, UP, held, UP])).toBe('<<');
    // A fast wedge presses the next key before releasing the last one.
    const rolling = [
      [0x02, 0, 0x10, 0, 0, 0, 0, 0],
      [0x02, 0, 0x10, 0x04, 0, 0, 0, 0],
      [0x02, 0, 0x04, 0, 0, 0, 0, 0],
      UP,
    ];
    expect(decodeAll(decoder, rolling)).toBe('MA');
  });

  it('ignores the phantom (error roll-over) report', () => {
    const decoder = new HidKeyboardDecoder();
    expect(
      decodeAll(decoder, [
        [0, 0, 0x04, 0, 0, 0, 0, 0],
        [0, 0, 1, 1, 1, 1, 1, 1],
        [0, 0, 0x04, 0, 0, 0, 0, 0],
      ]),
    ).toBe('A');
  });

  it('refuses reports that are not boot keyboard reports, keeping its state', () => {
    const decoder = new HidKeyboardDecoder();
    decoder.decode(Uint8Array.from([0, 0, 0x04, 0, 0, 0, 0, 0]));
    expect(() => decoder.decode(Uint8Array.from([1, 2, 3]))).toThrow(HidReportError);
    expect(decoder.decode(Uint8Array.from([0, 0, 0x04, 0, 0, 0, 0, 0]))).toBe('');
  });

  it.each([undefined, 3])('decodes the emulator reports for a whole card (report id %s)', (reportId) => {
    const { lines } = generateTestCard();
    const reports = hidReportsForCard(lines, reportId === undefined ? {} : { reportId });
    expect(reports[0]).toEqual(
      Buffer.from(reportId === undefined ? [2, 0, 0x0c, 0, 0, 0, 0, 0] : [3, 2, 0, 0x0c, 0, 0, 0, 0, 0]),
    );
    expect(decodeAll(new HidKeyboardDecoder(), reports)).toBe(lines.map((line) => `${line}\r`).join(''));
  });

  it('emulator reports round-trip the printable garbage a bad swipe types', () => {
    expect(decodeAll(new HidKeyboardDecoder(), textToHidReports('#!-./ ,\n'))).toBe('#!-./ ,\r');
  });
});
