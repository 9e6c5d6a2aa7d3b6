import { describe, expect, it } from 'vitest';

import { BoardValueError } from './errors';
import {
  checkBlinkSeconds,
  checkBrightness,
  checkUnitId,
  decodeText,
  encodeText,
  ticketContent,
} from './register-map';

describe('register map', () => {
  it('splits a ticket number into the numeric part and the text', () => {
    expect(ticketContent('A-042')).toEqual({ text: 'A-042', number: 42 });
    expect(ticketContent('K3-1007')).toEqual({ text: 'K3-1007', number: 1007 });
    expect(ticketContent(' 15 ')).toEqual({ text: '15', number: 15 });
  });

  it('packs text two ASCII characters a register, high byte first', () => {
    expect(encodeText('A-042')).toEqual([0x412d, 0x3034, 0x3200, 0x0000]);
    expect(decodeText(encodeText('K12-0007'))).toBe('K12-0007');
    expect(decodeText([0, 0, 0, 0])).toBe('');
  });

  it('refuses what no board can show, before anything is sent', () => {
    for (const bad of ['', 'A-', 'Ə-042', 'A-10000', 'TOO-LONG-1'])
      expect(() => ticketContent(bad)).toThrow(BoardValueError);
    expect(() => checkBrightness(101)).toThrow(BoardValueError);
    expect(() => checkBrightness(2.5)).toThrow(BoardValueError);
    expect(() => checkBlinkSeconds(-1)).toThrow(BoardValueError);
    expect(() => checkUnitId(0)).toThrow(BoardValueError);
    expect(() => checkUnitId(248)).toThrow(BoardValueError);
  });
});
