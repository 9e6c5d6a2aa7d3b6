import { describe, expect, it } from 'vitest';

import { MalformedReportError } from './errors';
import { KeypadDecoder } from './keypad-decoder';
import { DEFAULT_KEYMAP, parseKeymap } from './keymap';

const report = (hex: string) => Buffer.from(hex.replace(/\s/g, ''), 'hex');
const F13_DOWN = report('00 00 68 00 00 00 00 00');
const F14_DOWN = report('00 00 69 00 00 00 00 00');
const F13_F14_DOWN = report('00 00 68 69 00 00 00 00');
const UP = report('00 00 00 00 00 00 00 00');

function decoder() {
  return new KeypadDecoder(DEFAULT_KEYMAP.profiles[0]!);
}
const commands = (presses: { outcome: string; command?: string | undefined }[]) =>
  presses.filter((p) => p.outcome === 'command').map((p) => p.command);

describe('KeypadDecoder', () => {
  it('makes one command of a press and nothing of its release', () => {
    const d = decoder();
    expect(commands(d.feed(F13_DOWN, 0))).toEqual(['next']);
    expect(d.feed(UP, 120)).toEqual([]);
  });

  it('ignores the same report sent again while the key is held', () => {
    const d = decoder();
    expect(commands(d.feed(F13_DOWN, 0))).toEqual(['next']);
    for (let t = 30; t < 1000; t += 30) expect(d.feed(F13_DOWN, t)).toEqual([]);
  });

  it('drops contact chatter within the debounce window', () => {
    const d = decoder();
    const out = [F13_DOWN, UP, F13_DOWN, UP, F13_DOWN, UP].flatMap((r, i) => d.feed(r, i * 3));
    expect(commands(out)).toEqual(['next']);
    expect(out.filter((p) => p.outcome === 'bounce')).toHaveLength(2);
  });

  it('drops a bounce when a long-held key is released', () => {
    const d = decoder();
    d.feed(F13_DOWN, 0);
    d.feed(UP, 800);
    expect(d.feed(F13_DOWN, 803)[0]?.outcome).toBe('bounce');
    d.feed(UP, 805);
    expect(commands(d.feed(F13_DOWN, 900))).toEqual(['next']);
  });

  it('counts two real presses of the same key as two commands', () => {
    const d = decoder();
    expect(commands([F13_DOWN, UP, F13_DOWN].flatMap((r, i) => d.feed(r, i * 100)))).toEqual([
      'next',
      'next',
    ]);
  });

  it('sees a second key that goes down while the first is held', () => {
    const d = decoder();
    d.feed(F13_DOWN, 0);
    expect(commands(d.feed(F13_F14_DOWN, 50))).toEqual(['recall']);
    expect(commands(d.feed(F14_DOWN, 100))).toEqual([]);
  });

  it('reports an unbound key as unmapped, with its name', () => {
    const [press] = decoder().feed(report('00 00 04 00 00 00 00 00'), 0);
    expect(press).toMatchObject({ outcome: 'unmapped', key: 'A', command: undefined });
  });

  it('matches modifier chords exactly, left or right hand', () => {
    const keymap = parseKeymap({
      profiles: [{ name: 'p', vendorId: 1, keys: { 'Ctrl+Alt+1': 'next', '1': 'recall' } }],
    });
    const d = new KeypadDecoder(keymap.profiles[0]!);
    expect(commands(d.feed(report('05 00 1e 00 00 00 00 00'), 0))).toEqual(['next']);
    d.feed(UP, 100);
    expect(commands(d.feed(report('50 00 1e 00 00 00 00 00'), 200))).toEqual(['next']); // right Ctrl+Alt
    d.feed(UP, 300);
    expect(commands(d.feed(report('00 00 1e 00 00 00 00 00'), 400))).toEqual(['recall']);
  });

  it('reads consumer-control keys and numbered reports', () => {
    const keymap = parseKeymap({
      profiles: [
        {
          name: 'p',
          vendorId: 1,
          reports: { keyboard: 1, consumer: 2 },
          keys: { 'Consumer:NextTrack': 'next', F13: 'done' },
        },
      ],
    });
    const d = new KeypadDecoder(keymap.profiles[0]!);
    expect(commands(d.feed(report('02 b5 00'), 0))).toEqual(['next']);
    expect(commands(d.feed(report('01 00 00 68 00 00 00 00 00'), 10))).toEqual(['done']);
    expect(d.feed(report('02 00 00'), 20)).toEqual([]);
    expect(d.feed(report('04 01 02 03'), 30)).toEqual([]); // vendor report: ignored
  });

  it('keeps its state through a rollover report', () => {
    const d = decoder();
    d.feed(F13_DOWN, 0);
    expect(d.feed(report('00 00 01 01 01 01 01 01'), 50)).toEqual([]);
    expect(d.feed(F13_DOWN, 100)).toEqual([]); // still the same hold
  });

  it('throws a named error on a malformed report and keeps the keys it knew', () => {
    const d = decoder();
    d.feed(F13_DOWN, 0);
    expect(() => d.feed(report('00 00 68 00 00'), 10)).toThrow(MalformedReportError);
    expect(d.feed(F13_DOWN, 20)).toEqual([]);
  });
});
