import { serialBinding } from '@novbe/serial';
import ModbusRTU from 'modbus-serial';

import type { BoardProtocol, BoardState } from './board-protocol';
import {
  BoardBusError,
  BoardCrcError,
  BoardRejectedError,
  BoardTimeoutError,
  type LedBoardError,
} from './errors';
import {
  type BoardContent,
  BoardMode,
  type BoardModeName,
  decodeText,
  encodeText,
  MODE_NAMES,
  Register,
  REGISTER_COUNT,
} from './register-map';

export interface SerialLineOptions {
  baudRate?: number;
  parity?: 'none' | 'even' | 'odd';
  dataBits?: 7 | 8;
  stopBits?: 1 | 2;
  /** How long one board gets to answer one request. */
  timeoutMs?: number;
}

type Client = InstanceType<typeof ModbusRTU>;
/** modbus-serial's serial options, which it passes on to the SerialPort it makes. */
type ClientSerialOptions = Parameters<Client['connectRTUBuffered']>[1];

/**
 * Modbus RTU over a serial line (RS-485 adapter), through the modbus-serial library: function
 * 06 (write one register), 16 (write several) and 03 (read), each framed and CRC-checked by it.
 * Register meanings: see register-map.ts.
 */
export class ModbusRtuProtocol implements BoardProtocol {
  readonly name = 'modbus-rtu';
  readonly #client: Client;
  readonly #timeoutMs: number;
  /** Why the line is gone, once the port closed without us closing it (adapter unplugged). */
  #lost: string | undefined;
  /** Rejects the exchanges in flight when the line goes. */
  readonly #inFlight = new Set<() => void>();

  private constructor(client: Client, path: string, timeoutMs: number) {
    this.#client = client;
    this.#timeoutMs = timeoutMs;
    // modbus-serial relays the port's close but would only time each request out; fail them now.
    // (Its own close() unhooks this first, so only a close we did not ask for lands here.)
    client.on('close', () => {
      this.#lost = `serial line ${path} lost: the adapter was unplugged or hung up`;
      for (const fail of this.#inFlight) fail();
    });
  }

  /** Opens the serial port (e.g. /dev/ttyUSB0) at 9600 8N1 unless told otherwise. */
  static async open(path: string, options: SerialLineOptions = {}): Promise<ModbusRtuProtocol> {
    const client = new ModbusRTU();
    const timeoutMs = options.timeoutMs ?? 200;
    // modbus-serial makes its own SerialPort from these options, so `binding` replaces serialport's
    // default, whose Linux read spins forever on an adapter unplugged mid-transfer and never closes.
    const line: ClientSerialOptions & { binding: ReturnType<typeof serialBinding> } = {
      baudRate: options.baudRate ?? 9600,
      parity: options.parity ?? 'none',
      dataBits: options.dataBits ?? 8,
      stopBits: options.stopBits ?? 1,
      binding: serialBinding(),
    };
    try {
      // Buffered RTU collects a whole answer by its expected length instead of trusting the
      // 3.5-character silence, which USB adapters and ptys do not preserve.
      await client.connectRTUBuffered(path, line);
    } catch (e) {
      throw new BoardBusError(undefined, `cannot open ${path}: ${message(e)}`);
    }
    client.setTimeout(timeoutMs);
    // A port error after opening (adapter pulled) must not be an unheard 'error' event.
    client.on('error', () => undefined);
    return new ModbusRtuProtocol(client, path, timeoutMs);
  }

  show(unitId: number, content: BoardContent, blinkSeconds: number): Promise<void> {
    return this.#run(unitId, async (c) => {
      // Mode and text first, then number and blink together: the board changes what it shows
      // at the second write, so the new number appears already blinking.
      await c.writeRegisters(Register.Mode, [BoardMode.Normal, ...encodeText(content.text)]);
      await c.writeRegisters(Register.Number, [content.number, blinkSeconds]);
    });
  }

  blink(unitId: number, seconds: number): Promise<void> {
    return this.#run(unitId, async (c) => void (await c.writeRegister(Register.Blink, seconds)));
  }

  setBrightness(unitId: number, percent: number): Promise<void> {
    return this.#run(unitId, async (c) => void (await c.writeRegister(Register.Brightness, percent)));
  }

  setMode(unitId: number, mode: BoardModeName): Promise<void> {
    return this.#run(
      unitId,
      async (c) => void (await c.writeRegister(Register.Mode, MODE_NAMES.indexOf(mode))),
    );
  }

  readState(unitId: number): Promise<BoardState> {
    return this.#run(unitId, async (c) => {
      const { data } = await c.readHoldingRegisters(0, REGISTER_COUNT);
      const mode = MODE_NAMES[data[Register.Mode]!];
      if (mode === undefined)
        throw new BoardBusError(unitId, `unknown mode ${data[Register.Mode]} in register ${Register.Mode}`);
      return {
        unitId,
        number: data[Register.Number]!,
        blinkSecondsLeft: data[Register.Blink]!,
        brightness: data[Register.Brightness]!,
        mode,
        text: decodeText(data.slice(Register.Text, REGISTER_COUNT)),
      };
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.#client.isOpen) return resolve();
      this.#client.close(() => resolve());
    });
  }

  async #run<T>(unitId: number, exchange: (c: Client) => Promise<T>): Promise<T> {
    if (this.#lost) throw new BoardBusError(unitId, this.#lost);
    if (!this.#client.isOpen) throw new BoardBusError(unitId, 'port is closed');
    this.#client.setID(unitId);
    let fail!: () => void;
    const lineLost = new Promise<never>(
      (_, reject) => (fail = () => reject(new BoardBusError(unitId, this.#lost ?? 'serial line lost'))),
    );
    this.#inFlight.add(fail);
    try {
      return await Promise.race([exchange(this.#client), lineLost]);
    } catch (e) {
      throw this.#translate(unitId, e);
    } finally {
      this.#inFlight.delete(fail);
    }
  }

  /** modbus-serial's plain Errors → our named ones (it marks them by errno, modbusCode, text). */
  #translate(unitId: number, e: unknown): LedBoardError {
    if (e instanceof BoardBusError) return e;
    const err = e as { errno?: unknown; modbusCode?: unknown; message?: unknown };
    if (err.errno === 'ETIMEDOUT') return new BoardTimeoutError(unitId, 1, this.#timeoutMs);
    if (typeof err.modbusCode === 'number') return new BoardRejectedError(unitId, err.modbusCode, message(e));
    if (err.message === 'CRC error') return new BoardCrcError(unitId, 1);
    return new BoardBusError(unitId, message(e));
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
