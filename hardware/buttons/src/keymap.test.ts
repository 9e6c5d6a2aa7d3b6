import { describe, expect, it } from 'vitest';

import { KeymapConfigError } from './errors';
import { keyboardUsage } from './hid-usage';
import { chordKey, DEFAULT_KEYMAP, findProfile, parseKeymap } from './keymap';

describe('keymap', () => {
  it('binds F13–F19 for the common programmable keypad by default', () => {
    const profile = findProfile(DEFAULT_KEYMAP, { vendorId: 0x1189, productId: 0x8890 })!;
    expect(profile.bindings.get(chordKey({ usage: keyboardUsage(0x68), modifiers: 0 }))).toBe('next');
    expect(profile.bindings.get(chordKey({ usage: keyboardUsage(0x6e), modifiers: 0 }))).toBe('pause');
    expect(profile.debounceMs).toBe(40);
    expect(findProfile(DEFAULT_KEYMAP, { vendorId: 0x046d, productId: 0xc31c })).toBeUndefined();
  });

  it('accepts hex ids, presets, chords and numbered report layouts', () => {
    const keymap = parseKeymap({
      debounceMs: 25,
      profiles: [
        { name: 'numpad', vendorId: '0x04d9', preset: 'numpad', keys: { KP_9: 'pause' } },
        {
          name: 'foot switch',
          vendorId: 0x3553,
          productId: '0xB001',
          reports: { keyboard: 1, consumer: 2 },
          keys: { 'Ctrl+Alt+1': 'next', 'Consumer:NextTrack': 'recall' },
          debounceMs: 80,
        },
      ],
    });
    const numpad = findProfile(keymap, { vendorId: 0x04d9, productId: 0x1234 })!;
    expect(numpad.bindings.get(chordKey({ usage: keyboardUsage(0x59), modifiers: 0 }))).toBe('next');
    expect(numpad.bindings.get(chordKey({ usage: keyboardUsage(0x61), modifiers: 0 }))).toBe('pause');
    const foot = findProfile(keymap, { vendorId: 0x3553, productId: 0xb001 })!;
    expect(foot.layout).toEqual({ kind: 'numbered', keyboard: 1, consumer: 2 });
    expect(foot.debounceMs).toBe(80);
    expect(foot.bindings.get(chordKey({ usage: keyboardUsage(0x1e), modifiers: 5 }))).toBe('next');
  });

  it('names every bad key and what was expected', () => {
    const attempt = () =>
      parseKeymap({
        profiles: [{ name: 'x', vendorId: 'ACME', keys: { F13: 'nexxt' } }],
      });
    expect(attempt).toThrow(KeymapConfigError);
    const issues = (() => {
      try {
        attempt();
      } catch (e) {
        return (e as KeymapConfigError).issues;
      }
      return [];
    })();
    expect(issues.some((i) => i.startsWith('profiles.0.vendorId'))).toBe(true);
    expect(issues.some((i) => i.startsWith('profiles.0.keys.F13'))).toBe(true);
  });

  it('rejects unknown key names and one key bound to two commands', () => {
    expect(() => parseKeymap({ profiles: [{ name: 'x', vendorId: 1, keys: { F99: 'next' } }] })).toThrow(
      /profiles\.0\.keys\.F99/,
    );
    expect(() =>
      parseKeymap({ profiles: [{ name: 'x', vendorId: 1, keys: { F13: 'next', '0x68': 'recall' } }] }),
    ).toThrow(/already bound to "next"/);
    expect(() => parseKeymap({ profiles: [] })).toThrow(KeymapConfigError);
    expect(() => parseKeymap({ profiles: [{ name: 'x', vendorId: 1 }] })).toThrow(/nothing to bind/);
  });
});
