import { describe, expect, it } from 'vitest';

import { MalformedReportError } from './errors';
import { encodeConsumerReport, encodeKeyboardReport, parseReport } from './hid-report';
import { consumerUsage, keyboardUsage } from './hid-usage';

const auto = { kind: 'auto' } as const;
const F13 = keyboardUsage(0x68);

describe('parseReport', () => {
  it('reads an 8-byte boot keyboard report', () => {
    expect(parseReport(Buffer.from('0000680000000000', 'hex'), auto)).toEqual({
      kind: 'keyboard',
      reportId: null,
      modifiers: 0,
      keys: [F13],
    });
  });

  it('reads a 9-byte report with a leading report id', () => {
    expect(parseReport(Buffer.from('01050069006a000000', 'hex'), auto)).toEqual({
      kind: 'keyboard',
      reportId: 1,
      modifiers: 0x05,
      keys: [keyboardUsage(0x69), keyboardUsage(0x6a)],
    });
  });

  it('reads consumer-control reports with and without a report id', () => {
    expect(parseReport(Buffer.from('b500', 'hex'), auto)).toEqual({
      kind: 'consumer',
      reportId: null,
      keys: [consumerUsage(0xb5)],
    });
    expect(parseReport(Buffer.from('030000', 'hex'), auto)).toEqual({
      kind: 'consumer',
      reportId: 3,
      keys: [],
    });
  });

  it('treats ErrorRollOver as "cannot tell", not as keys', () => {
    expect(parseReport(Buffer.from('0000010101010101', 'hex'), auto).kind).toBe('rollover');
  });

  it('rejects lengths no keypad sends', () => {
    for (const hex of ['', '00', '00000000', '00000000000000000000'])
      expect(() => parseReport(Buffer.from(hex, 'hex'), auto)).toThrow(MalformedReportError);
  });

  it('dispatches numbered reports on their id and ignores unmapped ids', () => {
    const layout = { kind: 'numbered', keyboard: 1, consumer: 2 } as const;
    expect(parseReport(Buffer.from('01000068000000000000', 'hex'), layout).kind).toBe('keyboard');
    expect(parseReport(Buffer.from('02cd00', 'hex'), layout)).toEqual({
      kind: 'consumer',
      reportId: 2,
      keys: [consumerUsage(0xcd)],
    });
    expect(parseReport(Buffer.from('06ffff', 'hex'), layout)).toEqual({ kind: 'other', reportId: 6 });
    expect(() => parseReport(Buffer.from('0100', 'hex'), layout)).toThrow(MalformedReportError);
  });

  it('encodes what it parses, byte for byte', () => {
    expect(encodeKeyboardReport([F13], 0x01).toString('hex')).toBe('0100680000000000');
    expect(encodeKeyboardReport([F13], 0, 1).toString('hex')).toBe('010000680000000000');
    expect(encodeKeyboardReport([4, 5, 6, 7, 8, 9, 10]).toString('hex')).toBe('0000010101010101');
    expect(encodeConsumerReport(0xb5, 3).toString('hex')).toBe('03b500');
  });
});
