import { HidReportError } from './errors';

const SHIFT_MASK = 0x02 | 0x20; // left shift, right shift
const ERROR_ROLL_OVER = 0x01;
const ENTER = 0x28;
const KEYPAD_ENTER = 0x58;

/** US layout, HID usage page 7: [unshifted, shifted] for the keys a wedge reader can type. */
const US_KEYS = new Map<number, readonly [string, string]>([
  [0x1e, ['1', '!']],
  [0x1f, ['2', '@']],
  [0x20, ['3', '#']],
  [0x21, ['4', '$']],
  [0x22, ['5', '%']],
  [0x23, ['6', '^']],
  [0x24, ['7', '&']],
  [0x25, ['8', '*']],
  [0x26, ['9', '(']],
  [0x27, ['0', ')']],
  [0x2c, [' ', ' ']],
  [0x2d, ['-', '_']],
  [0x2e, ['=', '+']],
  [0x2f, ['[', '{']],
  [0x30, [']', '}']],
  [0x31, ['\\', '|']],
  [0x33, [';', ':']],
  [0x34, ["'", '"']],
  [0x35, ['`', '~']],
  [0x36, [',', '<']],
  [0x37, ['.', '>']],
  [0x38, ['/', '?']],
  // The ISO key next to left shift: on the layouts our readers are sold with it types < unshifted.
  [0x64, ['<', '>']],
  [0x59, ['1', '1']],
  [0x5a, ['2', '2']],
  [0x5b, ['3', '3']],
  [0x5c, ['4', '4']],
  [0x5d, ['5', '5']],
  [0x5e, ['6', '6']],
  [0x5f, ['7', '7']],
  [0x60, ['8', '8']],
  [0x61, ['9', '9']],
  [0x62, ['0', '0']],
]);

/**
 * Decodes boot-protocol keyboard reports (modifier, reserved, six key codes) from a keyboard-wedge
 * reader into the characters it typed; Enter becomes CR. A key types when it appears in a report without
 * having been down in the previous one, which is how a host sees a press. Letters always come out upper
 * case: the MRZ has no lower case, and the host's Caps Lock state must not change what we read.
 */
export class HidKeyboardDecoder {
  #down = new Set<number>();

  /**
   * Decodes one report: 8 bytes, or 9 when the device prefixes a report id (dropped). Throws
   * `HidReportError` for any other length, leaving the decoder's state as it was.
   */
  decode(report: Uint8Array): string {
    let body: Uint8Array;
    if (report.length === 8) body = report;
    else if (report.length === 9) body = report.subarray(1);
    else throw new HidReportError(`a ${report.length}-byte report is not a boot keyboard report`);

    const keys = body.subarray(2, 8);
    // Phantom state: the keyboard could not tell which keys are down; the next real report will.
    if (keys.every((key) => key === ERROR_ROLL_OVER)) return '';

    const shifted = (body[0]! & SHIFT_MASK) !== 0;
    let text = '';
    const down = new Set<number>();
    for (const key of keys) {
      if (key === 0) continue;
      down.add(key);
      if (!this.#down.has(key)) text += charFor(key, shifted);
    }
    this.#down = down;
    return text;
  }

  reset(): void {
    this.#down = new Set();
  }
}

function charFor(key: number, shifted: boolean): string {
  if (key >= 0x04 && key <= 0x1d) return String.fromCharCode(0x41 + key - 0x04);
  if (key === ENTER || key === KEYPAD_ENTER) return '\r';
  const pair = US_KEYS.get(key);
  return pair ? pair[shifted ? 1 : 0] : '';
}
