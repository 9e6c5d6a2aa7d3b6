import { assertNever } from './errors';
import { parseReport } from './hid-report';
import { chordName, foldModifiers } from './hid-usage';
import { chordKey, type KeypadCommand, type KeypadProfile } from './keymap';

/** A key-down edge and what became of it. */
export interface KeyPress {
  /** Extended usage (page << 16 | id). */
  readonly usage: number;
  /** Folded modifiers held with it (Ctrl 1, Shift 2, Alt 4, Meta 8). */
  readonly modifiers: number;
  /** "Ctrl+F13", for logs and the CLI's learn mode. */
  readonly key: string;
  /**
   * `command`: a bound key, act on it. `unmapped`: a real press the keymap does not bind.
   * `bounce`: contact chatter — a press within the debounce window of this key's last edge.
   */
  readonly outcome: 'command' | 'unmapped' | 'bounce';
  readonly command: KeypadCommand | undefined;
}

type Source = 'keyboard' | 'consumer';

/**
 * Turns a keypad's report stream into presses: one press = one command. Only the key-down edge
 * counts (a key that appears in a report); repeated identical reports while a key is held and
 * the release that follows are not presses. Contact chatter — release+press, or press+press,
 * within `debounceMs` of the key's previous edge — is dropped.
 *
 * Time comes in with each report (`now`, in ms) so the rules are exact under test.
 */
export class KeypadDecoder {
  readonly #profile: KeypadProfile;
  /** Keys held, per report kind: a keyboard report says nothing about consumer keys. */
  readonly #down: Record<Source, Set<number>> = { keyboard: new Set(), consumer: new Set() };
  /** When each key last went down or up (accepted or not): the debounce window's start. */
  readonly #lastEdge = new Map<number, number>();

  constructor(profile: KeypadProfile) {
    this.#profile = profile;
  }

  get profile(): KeypadProfile {
    return this.#profile;
  }

  /** Reads one report; throws `MalformedReportError` and leaves the state as it was. */
  feed(report: Uint8Array, now: number): KeyPress[] {
    const parsed = parseReport(report, this.#profile.layout);
    switch (parsed.kind) {
      case 'rollover':
      case 'other':
        return [];
      case 'keyboard':
        return this.#update('keyboard', parsed.keys, foldModifiers(parsed.modifiers), now);
      case 'consumer':
        return this.#update('consumer', parsed.keys, 0, now);
      default:
        return assertNever(parsed);
    }
  }

  /** Forgets held keys: after a reconnect the first report starts from "nothing held". */
  reset(): void {
    this.#down.keyboard.clear();
    this.#down.consumer.clear();
  }

  #update(source: Source, keys: readonly number[], modifiers: number, now: number): KeyPress[] {
    const before = this.#down[source];
    const presses: KeyPress[] = [];
    for (const usage of before) {
      if (!keys.includes(usage)) this.#lastEdge.set(usage, now);
    }
    for (const usage of keys) {
      if (before.has(usage)) continue;
      const last = this.#lastEdge.get(usage);
      this.#lastEdge.set(usage, now);
      const chord = { usage, modifiers };
      const key = chordName(chord);
      if (last !== undefined && now - last < this.#profile.debounceMs) {
        presses.push({ usage, modifiers, key, outcome: 'bounce', command: undefined });
        continue;
      }
      const command = this.#profile.bindings.get(chordKey(chord));
      presses.push({ usage, modifiers, key, outcome: command ? 'command' : 'unmapped', command });
    }
    this.#down[source] = new Set(keys);
    return presses;
  }
}
