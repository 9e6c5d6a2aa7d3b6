import { EventEmitter } from 'node:events';

import { openSerialPort, type SerialPort } from '@novbe/serial';

import { hasValidCrc, withCrc } from './crc16-modbus';
import { BoardBusError } from './errors';
import {
  type BoardModeName,
  checkUnitId,
  decodeText,
  MAX_BLINK_SECONDS,
  MAX_NUMBER,
  MODE_NAMES,
  Register,
  REGISTER_COUNT,
} from './register-map';

/** One emulated board as a person would see it. */
export interface BoardSnapshot {
  readonly unitId: number;
  readonly number: number;
  readonly text: string;
  readonly brightness: number;
  readonly mode: BoardModeName;
  readonly blinking: boolean;
  readonly blinkSecondsLeft: number;
  /** What the digits show: the ticket, "—" when closed, "" when blank. */
  readonly display: string;
  /** Dead boards ignore their address. */
  readonly dead: boolean;
}

/** A request the emulator answered or ignored, for logs and the CLI. */
export interface ModbusRequestLog {
  readonly unitId: number;
  readonly functionCode: number;
  readonly answered: boolean;
  readonly exceptionCode?: number;
}

export interface LedBoardEmulatorOptions {
  /** Unit addresses of the boards on the line. Default [1]. */
  units?: readonly number[];
  /** Clock for blinking, in ms. */
  now?: () => number;
  /**
   * Bytes that sit this long without completing a frame are dropped: the RTU rule that a
   * frame ends at a silence, loosened for ptys and USB adapters that deliver in bursts.
   */
  silenceMs?: number;
}

const ModbusException = { IllegalFunction: 1, IllegalAddress: 2, IllegalValue: 3 } as const;

interface Board {
  registers: number[];
  /** Emulator-clock ms until which the board blinks. */
  blinkUntil: number;
  dead: boolean;
  corruptReplies: number;
}

/**
 * Counter number boards on one RS-485 line, as a Modbus RTU slave for several unit addresses:
 * functions 03, 06 and 16 over the register map in register-map.ts, CRC-16/MODBUS checked on
 * every request. It keeps each board's state, can play a dead board (address ignored) or a
 * noisy line (next replies with a wrong CRC). Feed it bytes (`receive`) or attach it to a
 * serial port (`LedBoardEmulator.open`), e.g. the far end of a socat pty pair.
 */
export class LedBoardEmulator extends EventEmitter<{
  change: [BoardSnapshot];
  request: [ModbusRequestLog];
  /** Bytes dropped because they formed no valid frame (noise, a damaged request). */
  garbage: [Buffer];
}> {
  readonly #boards = new Map<number, Board>();
  readonly #now: () => number;
  readonly #silenceMs: number;
  #buffer: Buffer = Buffer.alloc(0);
  #silenceTimer: NodeJS.Timeout | undefined;
  #write: (bytes: Buffer) => void = () => undefined;
  #port: SerialPort | undefined;

  constructor(options: LedBoardEmulatorOptions = {}) {
    super();
    this.#now = options.now ?? Date.now;
    this.#silenceMs = options.silenceMs ?? 20;
    for (const unit of options.units ?? [1]) this.addBoard(unit);
  }

  /** Opens a serial port (a pty) and answers on it. */
  static async open(
    path: string,
    options: LedBoardEmulatorOptions & { baudRate?: number } = {},
  ): Promise<LedBoardEmulator> {
    const emulator = new LedBoardEmulator(options);
    // The shared binding: serialport's own would spin on a line hung up mid-transfer and never close.
    const port = await openSerialPort({ path, baudRate: options.baudRate ?? 9600 }).catch((e: Error) => {
      throw new BoardBusError(undefined, `cannot open ${path}: ${e.message}`);
    });
    port.on('data', (chunk: Buffer) => emulator.receive(chunk));
    port.on('error', () => undefined); // the driver end closing is not the emulator's failure
    emulator.#port = port;
    emulator.#write = (bytes) => void port.write(bytes);
    return emulator;
  }

  /** Sends answers somewhere else than a serial port (tests of the frame logic, TCP bridges). */
  set output(write: (bytes: Buffer) => void) {
    this.#write = write;
  }

  addBoard(unitId: number): void {
    checkUnitId(unitId);
    if (this.#boards.has(unitId)) return;
    // Power-on state: blank, full brightness.
    const registers = new Array<number>(REGISTER_COUNT).fill(0);
    registers[Register.Brightness] = 100;
    registers[Register.Mode] = MODE_NAMES.indexOf('blank');
    this.#boards.set(unitId, { registers, blinkUntil: 0, dead: false, corruptReplies: 0 });
  }

  /** A dead board: powered off or cut off; it hears nothing and answers nothing. */
  setDead(unitId: number, dead = true): void {
    this.#board(unitId).dead = dead;
  }

  /** The board's next `times` replies carry a wrong CRC, as after noise on the line. */
  corruptCrc(unitId: number, times = 1): void {
    this.#board(unitId).corruptReplies += times;
  }

  board(unitId: number): BoardSnapshot {
    return this.#snapshot(unitId, this.#board(unitId));
  }

  boards(): BoardSnapshot[] {
    return [...this.#boards.keys()].sort((a, b) => a - b).map((u) => this.board(u));
  }

  /** Bytes from the line (master → boards). */
  receive(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    this.#parse();
    clearTimeout(this.#silenceTimer);
    if (this.#buffer.length > 0) this.#silenceTimer = setTimeout(() => this.#onSilence(), this.#silenceMs);
  }

  async close(): Promise<void> {
    clearTimeout(this.#silenceTimer);
    const port = this.#port;
    this.#port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  #board(unitId: number): Board {
    const board = this.#boards.get(unitId);
    if (!board) throw new BoardBusError(unitId, 'no such board on the emulated line');
    return board;
  }

  #parse(): void {
    while (this.#buffer.length >= 2) {
      const length = frameLength(this.#buffer);
      if (length === 'unknown') {
        // A function we cannot size: noise, or a request we will refuse at the silence. If a
        // good frame starts further on, what lies before it was noise.
        const at = this.#findFrame(1);
        if (at === undefined) return;
        this.#drop(at);
        continue;
      }
      if (length === undefined || this.#buffer.length < length) return;
      const frame = this.#buffer.subarray(0, length);
      if (!hasValidCrc(frame)) {
        // Noise or a damaged request: slide one byte and look for a frame again.
        this.#drop(1);
        continue;
      }
      this.#buffer = this.#buffer.subarray(length);
      this.#handle(Buffer.from(frame));
    }
  }

  /** Offset of the first complete, CRC-valid frame of a known function at or after `from`. */
  #findFrame(from: number): number | undefined {
    for (let at = from; at + 2 <= this.#buffer.length; at++) {
      const rest = this.#buffer.subarray(at);
      const length = frameLength(rest);
      if (typeof length === 'number' && rest.length >= length && hasValidCrc(rest.subarray(0, length)))
        return at;
    }
    return undefined;
  }

  #drop(count: number): void {
    this.emit('garbage', Buffer.from(this.#buffer.subarray(0, count)));
    this.#buffer = this.#buffer.subarray(count);
  }

  #onSilence(): void {
    const rest = this.#buffer;
    this.#buffer = Buffer.alloc(0);
    // A whole frame with a good CRC but a function we do not know: answer "illegal function".
    if (rest.length >= 4 && hasValidCrc(rest)) this.#handle(rest);
    else if (rest.length > 0) this.emit('garbage', rest);
  }

  #handle(frame: Buffer): void {
    const unitId = frame[0]!;
    const fc = frame[1]!;
    const targets = unitId === 0 ? [...this.#boards.keys()] : [unitId];
    for (const unit of targets) {
      const board = this.#boards.get(unit);
      if (!board || board.dead) {
        if (unitId !== 0) this.emit('request', { unitId, functionCode: fc, answered: false });
        continue;
      }
      const reply = this.#execute(unit, board, fc, frame);
      const exceptionCode = reply[1]! & 0x80 ? reply[2] : undefined;
      // Broadcasts are never answered: every board would talk at once.
      if (unitId !== 0) this.#reply(board, reply);
      this.emit('request', {
        unitId: unit,
        functionCode: fc,
        answered: unitId !== 0,
        ...(exceptionCode === undefined ? {} : { exceptionCode }),
      });
    }
  }

  /** Runs one request on one board; returns the reply without CRC. */
  #execute(unit: number, board: Board, fc: number, frame: Buffer): Buffer {
    const exception = (code: number) => Buffer.of(unit, fc | 0x80, code);
    switch (fc) {
      case 3: {
        const address = frame.readUInt16BE(2);
        const count = frame.readUInt16BE(4);
        if (count < 1 || count > 125) return exception(ModbusException.IllegalValue);
        if (address + count > REGISTER_COUNT) return exception(ModbusException.IllegalAddress);
        const reply = Buffer.alloc(3 + count * 2);
        reply[0] = unit;
        reply[1] = fc;
        reply[2] = count * 2;
        for (let i = 0; i < count; i++) reply.writeUInt16BE(this.#read(board, address + i), 3 + i * 2);
        return reply;
      }
      case 6: {
        const address = frame.readUInt16BE(2);
        const value = frame.readUInt16BE(4);
        const problem = checkWrite(address, [value]);
        if (problem !== undefined) return exception(problem);
        this.#apply(unit, board, address, [value]);
        return frame.subarray(0, 6);
      }
      case 16: {
        const address = frame.readUInt16BE(2);
        const count = frame.readUInt16BE(4);
        if (count < 1 || count > 123 || frame[6] !== count * 2)
          return exception(ModbusException.IllegalValue);
        const values = Array.from({ length: count }, (_, i) => frame.readUInt16BE(7 + i * 2));
        const problem = checkWrite(address, values);
        if (problem !== undefined) return exception(problem);
        this.#apply(unit, board, address, values);
        return frame.subarray(0, 6);
      }
      default:
        return exception(ModbusException.IllegalFunction);
    }
  }

  #read(board: Board, register: number): number {
    if (register === Register.Blink) return Math.max(0, Math.ceil((board.blinkUntil - this.#now()) / 1000));
    return board.registers[register]!;
  }

  /** All values were checked first: a write lands whole or not at all. */
  #apply(unit: number, board: Board, address: number, values: readonly number[]): void {
    values.forEach((value, i) => {
      const register = address + i;
      board.registers[register] = value;
      if (register === Register.Blink) board.blinkUntil = value === 0 ? 0 : this.#now() + value * 1000;
    });
    this.emit('change', this.#snapshot(unit, board));
  }

  #reply(board: Board, reply: Buffer): void {
    const framed = withCrc(reply);
    if (board.corruptReplies > 0) {
      board.corruptReplies--;
      framed[framed.length - 1]! ^= 0xff;
      framed[framed.length - 2]! ^= 0xff;
    }
    this.#write(framed);
  }

  #snapshot(unitId: number, board: Board): BoardSnapshot {
    const r = board.registers;
    const mode = MODE_NAMES[r[Register.Mode]!] ?? 'blank';
    const text = decodeText(r.slice(Register.Text, REGISTER_COUNT));
    const blinkSecondsLeft = this.#read(board, Register.Blink);
    const shown = text !== '' ? text : String(r[Register.Number]).padStart(3, '0');
    return {
      unitId,
      number: r[Register.Number]!,
      text,
      brightness: r[Register.Brightness]!,
      mode,
      blinking: blinkSecondsLeft > 0,
      blinkSecondsLeft,
      display: mode === 'closed' ? '—' : mode === 'blank' ? '' : shown,
      dead: board.dead,
    };
  }
}

/**
 * Length of the request at the start of `bytes`: a number for 03/06/16, undefined while 16's
 * byte count has not arrived, 'unknown' for any other function code.
 */
function frameLength(bytes: Buffer): number | 'unknown' | undefined {
  const fc = bytes[1];
  if (fc === 3 || fc === 6) return 8;
  if (fc === 16) return bytes.length >= 7 ? 9 + bytes[6]! : undefined;
  return 'unknown';
}

/** Modbus exception code for a write the board cannot take, or undefined when it can. */
function checkWrite(address: number, values: readonly number[]): number | undefined {
  if (address + values.length > REGISTER_COUNT) return ModbusException.IllegalAddress;
  for (const [i, value] of values.entries()) {
    const register = address + i;
    const ok =
      register === Register.Number
        ? value <= MAX_NUMBER
        : register === Register.Blink
          ? value <= MAX_BLINK_SECONDS
          : register === Register.Brightness
            ? value <= 100
            : register === Register.Mode
              ? value < MODE_NAMES.length
              : true;
    if (!ok) return ModbusException.IllegalValue;
  }
  return undefined;
}
