import { describe, expect, it } from 'vitest';

import { UnknownKeyError } from './errors';
import { chordName, consumerUsage, foldModifiers, keyboardUsage, keyName, parseKeyChord } from './hid-usage';

describe('key names', () => {
  it('maps names to HID usage ids from the Usage Tables', () => {
    expect(parseKeyChord('F13')).toEqual({ usage: keyboardUsage(0x68), modifiers: 0 });
    expect(parseKeyChord('f24').usage).toBe(keyboardUsage(0x73));
    expect(parseKeyChord('KP_1').usage).toBe(keyboardUsage(0x59));
    expect(parseKeyChord('KP_0').usage).toBe(keyboardUsage(0x62));
    expect(parseKeyChord('A').usage).toBe(keyboardUsage(0x04));
    expect(parseKeyChord('0').usage).toBe(keyboardUsage(0x27));
    expect(parseKeyChord('Consumer:NextTrack').usage).toBe(consumerUsage(0xb5));
    expect(parseKeyChord('consumer:0xcd').usage).toBe(consumerUsage(0xcd));
    expect(parseKeyChord('0x68').usage).toBe(keyboardUsage(0x68));
  });

  it('reads modifier chords and prints them back', () => {
    const chord = parseKeyChord('ctrl + alt + 1');
    expect(chord.modifiers).toBe(1 | 4);
    expect(chordName(chord)).toBe('Ctrl+Alt+1');
    expect(keyName(keyboardUsage(0x99))).toBe('0x7:0x99');
  });

  it('folds right-hand modifiers onto left-hand ones', () => {
    expect(foldModifiers(0x10)).toBe(1); // right Ctrl
    expect(foldModifiers(0x44)).toBe(4); // both Alts
  });

  it('rejects what is not a key with a named error', () => {
    for (const bad of ['F99', 'Hyper+F13', '', '0x01', '+', 'consumer:zz'])
      expect(() => parseKeyChord(bad)).toThrow(UnknownKeyError);
  });
});
