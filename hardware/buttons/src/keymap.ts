import { z } from 'zod';

import { KeymapConfigError, UnknownKeyError } from './errors';
import type { ReportLayout } from './hid-report';
import { type KeyChord, parseKeyChord } from './hid-usage';

/** What a counter operator can ask for from a keypad. */
export const KEYPAD_COMMANDS = ['next', 'recall', 'no-show', 'start', 'done', 'transfer', 'pause'] as const;
export type KeypadCommand = (typeof KEYPAD_COMMANDS)[number];

/**
 * Ready-made key sets. Programmable keypads (CH552 "macro pads", foot switches) are best set to
 * F13–F19: no application reacts to those if the OS also sees them as keystrokes.
 */
export const KEY_PRESETS = {
  'f13-f19': {
    F13: 'next',
    F14: 'recall',
    F15: 'no-show',
    F16: 'start',
    F17: 'done',
    F18: 'transfer',
    F19: 'pause',
  },
  numpad: {
    KP_1: 'next',
    KP_Enter: 'next',
    KP_2: 'recall',
    KP_3: 'no-show',
    KP_4: 'start',
    KP_5: 'done',
    KP_6: 'transfer',
    KP_7: 'pause',
  },
  digits: {
    '1': 'next',
    '2': 'recall',
    '3': 'no-show',
    '4': 'start',
    '5': 'done',
    '6': 'transfer',
    '7': 'pause',
  },
} as const satisfies Record<string, Record<string, KeypadCommand>>;

const DEFAULT_DEBOUNCE_MS = 40;

const usbId = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{1,4}$/, 'a hex id like "0x1189"')
    .transform((s) => Number(s)),
]);
const reportId = z.number().int().min(1).max(255);

const profileSchema = z.object({
  name: z.string().min(1),
  vendorId: usbId,
  /** Absent: every product of the vendor. */
  productId: usbId.optional(),
  /** USB interface number, for keypads that expose a keyboard and a vendor interface. */
  interface: z.number().int().min(0).optional(),
  reports: z
    .union([
      z.literal('auto'),
      z.object({ keyboard: reportId.optional(), consumer: reportId.optional() }).strict(),
    ])
    .default('auto'),
  /** A ready-made key set; `keys` adds to it or overrides it. */
  preset: z.enum(Object.keys(KEY_PRESETS) as [keyof typeof KEY_PRESETS]).optional(),
  keys: z.record(z.string(), z.enum(KEYPAD_COMMANDS)).default({}),
  debounceMs: z.number().int().min(0).max(1000).optional(),
});

/** The keymap file as people write it (JSON). */
export const keymapConfigSchema = z.object({
  debounceMs: z.number().int().min(0).max(1000).default(DEFAULT_DEBOUNCE_MS),
  profiles: z.array(profileSchema).min(1),
});
export type KeymapConfig = z.input<typeof keymapConfigSchema>;

/** One kind of keypad, compiled: which device, how it reports, what each chord means. */
export interface KeypadProfile {
  readonly name: string;
  readonly vendorId: number;
  readonly productId: number | undefined;
  readonly interface: number | undefined;
  readonly layout: ReportLayout;
  readonly debounceMs: number;
  readonly bindings: ReadonlyMap<string, KeypadCommand>;
}

export interface Keymap {
  readonly profiles: readonly KeypadProfile[];
}

/** Key of the bindings map: a chord as "modifiers:usage". */
export function chordKey(chord: KeyChord): string {
  return `${chord.modifiers}:${chord.usage}`;
}

/**
 * Validates and compiles a keymap; a bad one throws `KeymapConfigError` naming each key path and
 * what was expected, so a typo in the file stops the agent at start, not at the first press.
 */
export function parseKeymap(input: unknown): Keymap {
  const parsed = keymapConfigSchema.safeParse(input);
  if (!parsed.success)
    throw new KeymapConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  const issues: string[] = [];
  const profiles = parsed.data.profiles.map((p, index): KeypadProfile => {
    const keys: Record<string, KeypadCommand> = { ...(p.preset ? KEY_PRESETS[p.preset] : {}), ...p.keys };
    if (Object.keys(keys).length === 0)
      issues.push(`profiles.${index}: no preset and no keys, nothing to bind`);
    const bindings = new Map<string, KeypadCommand>();
    for (const [name, command] of Object.entries(keys)) {
      try {
        const key = chordKey(parseKeyChord(name));
        const earlier = bindings.get(key);
        if (earlier !== undefined && earlier !== command)
          issues.push(`profiles.${index}.keys.${name}: same key already bound to "${earlier}"`);
        bindings.set(key, command);
      } catch (e) {
        if (!(e instanceof UnknownKeyError)) throw e;
        issues.push(`profiles.${index}.keys.${name}: ${e.message}`);
      }
    }
    return {
      name: p.name,
      vendorId: p.vendorId,
      productId: p.productId,
      interface: p.interface,
      layout: p.reports === 'auto' ? { kind: 'auto' } : { kind: 'numbered', ...p.reports },
      debounceMs: p.debounceMs ?? parsed.data.debounceMs,
      bindings,
    };
  });
  if (issues.length > 0) throw new KeymapConfigError(issues);
  return { profiles };
}

/** The first profile that claims a device; keyboards nobody listed are never opened. */
export function findProfile(
  keymap: Keymap,
  device: { vendorId: number; productId: number; interface?: number | undefined },
): KeypadProfile | undefined {
  return keymap.profiles.find(
    (p) =>
      p.vendorId === device.vendorId &&
      (p.productId === undefined || p.productId === device.productId) &&
      (p.interface === undefined || p.interface === device.interface),
  );
}

/**
 * The default: the CH552-based programmable keypads sold in 3-, 4- and 6-key versions
 * (USB 1189:8890), set to F13–F19. Centers with other keypads add a profile in their config.
 */
export const DEFAULT_KEYMAP_CONFIG: KeymapConfig = {
  debounceMs: DEFAULT_DEBOUNCE_MS,
  profiles: [{ name: 'CH552 programmable keypad', vendorId: 0x1189, productId: 0x8890, preset: 'f13-f19' }],
};

export const DEFAULT_KEYMAP: Keymap = parseKeymap(DEFAULT_KEYMAP_CONFIG);
