import { MalformedReportError } from './errors';
import { consumerUsage, keyboardUsage } from './hid-usage';

/**
 * How a keypad lays out its input reports.
 * - `auto`: told apart by length, which is unambiguous for the two layouts keypads use:
 *   8 bytes = boot keyboard (modifiers, reserved, 6 keycodes); 9 = report id + boot keyboard;
 *   2 = consumer control (one 16-bit usage, little-endian); 3 = report id + consumer control.
 * - `numbered`: a composite keypad that sends several numbered reports on one interface; the
 *   first byte says which, and reports with other ids (vendor, LEDs) are ignored.
 */
export type ReportLayout =
  | { readonly kind: 'auto' }
  | { readonly kind: 'numbered'; readonly keyboard?: number; readonly consumer?: number };

export const BOOT_KEYBOARD_LENGTH = 8;

/** What one report says is held down. Usages are extended (page << 16 | id). */
export type ParsedReport =
  | {
      readonly kind: 'keyboard';
      readonly reportId: number | null;
      /** Byte 0 of the boot report as sent: LCtrl LShift LAlt LGUI RCtrl RShift RAlt RGUI. */
      readonly modifiers: number;
      readonly keys: readonly number[];
    }
  | { readonly kind: 'consumer'; readonly reportId: number | null; readonly keys: readonly number[] }
  /** Too many keys at once: the keyboard cannot say which; the report must not change state. */
  | { readonly kind: 'rollover'; readonly reportId: number | null }
  /** A numbered report the layout does not map (vendor data); not an error. */
  | { readonly kind: 'other'; readonly reportId: number };

/** Keycodes 1..3 are ErrorRollOver, POSTFail and ErrorUndefined, never real keys. */
const PHANTOM_MAX = 3;

/** Reads one input report, exactly as node-hid hands it over. */
export function parseReport(report: Uint8Array, layout: ReportLayout): ParsedReport {
  if (layout.kind === 'auto') {
    switch (report.length) {
      case BOOT_KEYBOARD_LENGTH:
        return keyboard(report, null, 0);
      case BOOT_KEYBOARD_LENGTH + 1:
        return keyboard(report, report[0]!, 1);
      case 2:
        return consumer(report, null, 0);
      case 3:
        return consumer(report, report[0]!, 1);
      default:
        throw new MalformedReportError(
          report,
          `length ${report.length}; expected 8 or 9 (keyboard) or 2 or 3 (consumer control)`,
        );
    }
  }
  if (report.length === 0) throw new MalformedReportError(report, 'empty report');
  const id = report[0]!;
  if (id === layout.keyboard) {
    if (report.length < BOOT_KEYBOARD_LENGTH + 1)
      throw new MalformedReportError(report, `keyboard report ${id} shorter than 1 + 8 bytes`);
    return keyboard(report, id, 1);
  }
  if (id === layout.consumer) {
    if (report.length < 3 || (report.length - 1) % 2 !== 0)
      throw new MalformedReportError(report, `consumer report ${id} must be 1 + 2·n bytes`);
    return consumer(report, id, 1);
  }
  return { kind: 'other', reportId: id };
}

function keyboard(report: Uint8Array, reportId: number | null, at: number): ParsedReport {
  const keys: number[] = [];
  // Byte at+1 is reserved (OEM); keycodes follow in 6 slots, 0 meaning "no key".
  for (let i = at + 2; i < at + BOOT_KEYBOARD_LENGTH; i++) {
    const code = report[i]!;
    if (code === 0) continue;
    if (code <= PHANTOM_MAX) return { kind: 'rollover', reportId };
    const usage = keyboardUsage(code);
    if (!keys.includes(usage)) keys.push(usage);
  }
  return { kind: 'keyboard', reportId, modifiers: report[at]!, keys };
}

function consumer(report: Uint8Array, reportId: number | null, at: number): ParsedReport {
  const keys: number[] = [];
  for (let i = at; i + 1 < report.length; i += 2) {
    const id = report[i]! | (report[i + 1]! << 8);
    if (id !== 0) keys.push(consumerUsage(id));
  }
  return { kind: 'consumer', reportId, keys };
}

/** The boot-keyboard report a keypad sends for these keys (and report id, if it numbers them). */
export function encodeKeyboardReport(
  keys: readonly number[],
  modifiers = 0,
  reportId: number | null = null,
): Buffer {
  if (keys.length > 6) {
    // What a real boot keyboard does when more than six keys are down: ErrorRollOver in every slot.
    const rollover = Buffer.alloc(BOOT_KEYBOARD_LENGTH, 0x01);
    rollover[0] = modifiers;
    rollover[1] = 0;
    return reportId === null ? rollover : Buffer.concat([Buffer.of(reportId), rollover]);
  }
  const body = Buffer.alloc(BOOT_KEYBOARD_LENGTH);
  body[0] = modifiers;
  keys.forEach((usage, i) => (body[2 + i] = usage & 0xff));
  return reportId === null ? body : Buffer.concat([Buffer.of(reportId), body]);
}

/** A consumer-control report: one 16-bit usage (0 = released), little-endian. */
export function encodeConsumerReport(usage: number, reportId: number | null = null): Buffer {
  const body = Buffer.of(usage & 0xff, (usage >> 8) & 0xff);
  return reportId === null ? body : Buffer.concat([Buffer.of(reportId), body]);
}
