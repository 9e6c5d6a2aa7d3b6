import { UnknownKeyError } from './errors';

/**
 * Keys are HID "extended usages": usage page in the high 16 bits, usage id in the low 16, as the
 * HID Usage Tables write them (0x00070068 = Keyboard page, F13). One number names a key whether
 * it came from a boot-keyboard report or a consumer-control report.
 */
export const KEYBOARD_PAGE = 0x07;
export const CONSUMER_PAGE = 0x0c;

export function keyboardUsage(id: number): number {
  return (KEYBOARD_PAGE << 16) | id;
}

export function consumerUsage(id: number): number {
  return (CONSUMER_PAGE << 16) | id;
}

export function usagePage(usage: number): number {
  return usage >>> 16;
}

export function usageId(usage: number): number {
  return usage & 0xffff;
}

/** Modifier bits after folding right onto left (the byte 0 of a boot report, 8 bits → 4). */
export const Modifier = { Ctrl: 1, Shift: 2, Alt: 4, Meta: 8 } as const;

/** Left and right Ctrl are the same Ctrl to a keymap: fold bits 4..7 onto 0..3. */
export function foldModifiers(byte: number): number {
  return (byte | (byte >> 4)) & 0x0f;
}

/** Keyboard page (0x07) usage ids, from the HID Usage Tables, for the keys keypads send. */
const KEYBOARD_NAMES: Record<string, number> = {
  Enter: 0x28,
  Escape: 0x29,
  Backspace: 0x2a,
  Tab: 0x2b,
  Space: 0x2c,
  Minus: 0x2d,
  Equal: 0x2e,
  PrintScreen: 0x46,
  ScrollLock: 0x47,
  Pause: 0x48,
  Insert: 0x49,
  Home: 0x4a,
  PageUp: 0x4b,
  Delete: 0x4c,
  End: 0x4d,
  PageDown: 0x4e,
  Right: 0x4f,
  Left: 0x50,
  Down: 0x51,
  Up: 0x52,
  NumLock: 0x53,
  KP_Divide: 0x54,
  KP_Multiply: 0x55,
  KP_Minus: 0x56,
  KP_Plus: 0x57,
  KP_Enter: 0x58,
  KP_0: 0x62,
  KP_Dot: 0x63,
};
for (let i = 0; i < 26; i++) KEYBOARD_NAMES[String.fromCharCode(65 + i)] = 0x04 + i;
for (let d = 1; d <= 9; d++) KEYBOARD_NAMES[String(d)] = 0x1e + d - 1;
KEYBOARD_NAMES['0'] = 0x27;
for (let d = 1; d <= 9; d++) KEYBOARD_NAMES[`KP_${d}`] = 0x59 + d - 1;
for (let f = 1; f <= 12; f++) KEYBOARD_NAMES[`F${f}`] = 0x3a + f - 1;
for (let f = 13; f <= 24; f++) KEYBOARD_NAMES[`F${f}`] = 0x68 + f - 13;

/** Consumer page (0x0C) usages that media-style "call" buttons and foot switches send. */
const CONSUMER_NAMES: Record<string, number> = {
  NextTrack: 0xb5,
  PrevTrack: 0xb6,
  Stop: 0xb7,
  PlayPause: 0xcd,
  Mute: 0xe2,
  VolumeUp: 0xe9,
  VolumeDown: 0xea,
};

const BY_NAME = new Map<string, number>();
const BY_USAGE = new Map<number, string>();
for (const [name, id] of Object.entries(KEYBOARD_NAMES)) {
  BY_NAME.set(name.toLowerCase(), keyboardUsage(id));
  BY_USAGE.set(keyboardUsage(id), name);
}
for (const [name, id] of Object.entries(CONSUMER_NAMES)) {
  BY_NAME.set(`consumer:${name.toLowerCase()}`, consumerUsage(id));
  BY_USAGE.set(consumerUsage(id), `Consumer:${name}`);
}

const MODIFIER_NAMES: Record<string, number> = {
  ctrl: Modifier.Ctrl,
  control: Modifier.Ctrl,
  shift: Modifier.Shift,
  alt: Modifier.Alt,
  meta: Modifier.Meta,
  win: Modifier.Meta,
  gui: Modifier.Meta,
};

/** A key with the modifiers that must be held for it (folded mask, 0 for none). */
export interface KeyChord {
  readonly usage: number;
  readonly modifiers: number;
}

/**
 * Parses "F13", "kp_1", "Ctrl+Alt+1", "Consumer:NextTrack", "Consumer:0xB5" or a bare keyboard
 * usage id "0x68". Case does not matter: keypad vendors' tools spell names every which way.
 */
export function parseKeyChord(text: string): KeyChord {
  const parts = text
    .split('+')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const keyPart = parts.pop();
  if (keyPart === undefined) throw new UnknownKeyError(text);
  let modifiers = 0;
  for (const p of parts) {
    const bit = MODIFIER_NAMES[p.toLowerCase()];
    if (bit === undefined) throw new UnknownKeyError(text);
    modifiers |= bit;
  }
  return { usage: parseKey(keyPart, text), modifiers };
}

function parseKey(key: string, whole: string): number {
  const lower = key.toLowerCase();
  const named = BY_NAME.get(lower);
  if (named !== undefined) return named;
  const consumerNumber = /^consumer:(0x[0-9a-f]{1,4}|\d{1,5})$/.exec(lower);
  if (consumerNumber) return consumerUsage(Number(consumerNumber[1]));
  if (/^(0x[0-9a-f]{1,2}|\d{1,3})$/.test(lower)) {
    const id = Number(lower);
    // Bare numbers are keyboard usage ids; 0..3 are "no key" and error codes, never a key.
    if (id >= 4 && id <= 0xff) return keyboardUsage(id);
  }
  throw new UnknownKeyError(whole);
}

/** A readable name for logs and the CLI's learn mode: "F13", "Consumer:NextTrack", "0x07:0x99". */
export function keyName(usage: number): string {
  const named = BY_USAGE.get(usage);
  if (named !== undefined) return named;
  const page = usagePage(usage) === CONSUMER_PAGE ? 'Consumer' : `0x${usagePage(usage).toString(16)}`;
  return `${page}:0x${usageId(usage).toString(16).padStart(2, '0')}`;
}

/** "Ctrl+Alt+F13" for a chord, the inverse of `parseKeyChord`. */
export function chordName(chord: KeyChord): string {
  const mods: string[] = [];
  if (chord.modifiers & Modifier.Ctrl) mods.push('Ctrl');
  if (chord.modifiers & Modifier.Shift) mods.push('Shift');
  if (chord.modifiers & Modifier.Alt) mods.push('Alt');
  if (chord.modifiers & Modifier.Meta) mods.push('Meta');
  return [...mods, keyName(chord.usage)].join('+');
}
