import { BoardValueError } from './errors';

/**
 * Növbə's Modbus register map for counter number boards (holding registers, 16-bit).
 * There is no queue-board standard; this is the map our emulator implements and a board
 * maker can follow, documented in the README. Boards that speak their own frames get their
 * own `BoardProtocol` instead.
 *
 *   0      number shown: the numeric part of the ticket (A-042 → 42), 0..9999
 *   1      blink: seconds to blink from now (0 stops); reads back the seconds left
 *   2      brightness, 0..100 %
 *   3      mode: 0 normal, 1 closed (shows "—"), 2 blank
 *   4..7   text: the ticket number in ASCII, two characters per register, high byte first,
 *          NUL-padded (8 characters), for boards with letter-capable digits
 */
export const Register = {
  Number: 0,
  Blink: 1,
  Brightness: 2,
  Mode: 3,
  Text: 4,
} as const;

export const TEXT_REGISTERS = 4;
export const TEXT_MAX_CHARS = TEXT_REGISTERS * 2;
export const REGISTER_COUNT = Register.Text + TEXT_REGISTERS;
export const MAX_NUMBER = 9999;
export const MAX_BLINK_SECONDS = 600;

export const BoardMode = { Normal: 0, Closed: 1, Blank: 2 } as const;
export type BoardModeName = 'normal' | 'closed' | 'blank';
/** Index = register value. */
export const MODE_NAMES = ['normal', 'closed', 'blank'] as const satisfies readonly BoardModeName[];

/** What a board is told to show for a ticket. */
export interface BoardContent {
  /** The ticket number as printed, e.g. "A-042" or "K3-007". */
  readonly text: string;
  /** Its numeric part, for digit-only boards. */
  readonly number: number;
}

/** "A-042" → { text: "A-042", number: 42 }; throws `BoardValueError` for what no board shows. */
export function ticketContent(ticketNumber: string): BoardContent {
  const text = ticketNumber.trim();
  if (text.length === 0 || text.length > TEXT_MAX_CHARS)
    throw new BoardValueError(`ticket number "${ticketNumber}" must be 1..${TEXT_MAX_CHARS} characters`);
  if (!/^[\x20-\x7e]+$/.test(text))
    throw new BoardValueError(`ticket number "${ticketNumber}" must be printable ASCII for the board`);
  const digits = /(\d+)$/.exec(text);
  if (!digits) throw new BoardValueError(`ticket number "${ticketNumber}" does not end in digits`);
  const number = Number(digits[1]);
  if (number > MAX_NUMBER) throw new BoardValueError(`ticket number "${ticketNumber}" is over ${MAX_NUMBER}`);
  return { text, number };
}

/**
 * A short sign that is not a ticket ("Err", "---"): the text for letter-capable boards and 0
 * for the number register, so a digit-only board shows zeros (blinking, when asked).
 */
export function signContent(text: string): BoardContent {
  if (text.length === 0 || text.length > TEXT_MAX_CHARS || !/^[\x20-\x7e]+$/.test(text))
    throw new BoardValueError(`sign "${text}" must be 1..${TEXT_MAX_CHARS} printable ASCII characters`);
  return { text, number: 0 };
}

/** Text → registers 4..7. */
export function encodeText(text: string): number[] {
  const bytes = Buffer.alloc(TEXT_MAX_CHARS);
  bytes.write(text, 'latin1');
  return Array.from({ length: TEXT_REGISTERS }, (_, i) => bytes.readUInt16BE(i * 2));
}

/** Registers 4..7 → text (up to the first NUL). */
export function decodeText(registers: readonly number[]): string {
  const bytes = Buffer.alloc(registers.length * 2);
  registers.forEach((r, i) => bytes.writeUInt16BE(r & 0xffff, i * 2));
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('latin1');
}

export function checkBrightness(percent: number): number {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    throw new BoardValueError(`brightness must be an integer 0..100, got ${percent}`);
  return percent;
}

export function checkBlinkSeconds(seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_BLINK_SECONDS)
    throw new BoardValueError(`blink must be 0..${MAX_BLINK_SECONDS} whole seconds, got ${seconds}`);
  return seconds;
}

export function checkUnitId(unitId: number): number {
  // 0 is Modbus broadcast (no answer, so no way to know it worked); 248..255 are reserved.
  if (!Number.isInteger(unitId) || unitId < 1 || unitId > 247)
    throw new BoardValueError(`board address must be 1..247, got ${unitId}`);
  return unitId;
}
