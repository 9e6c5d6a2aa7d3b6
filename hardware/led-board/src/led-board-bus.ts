import { EventEmitter } from 'node:events';

import type { BoardProtocol, BoardState } from './board-protocol';
import { BoardBusError, BoardCrcError, BoardTimeoutError, BoardValueError, LedBoardError } from './errors';
import { ModbusRtuProtocol, type SerialLineOptions } from './modbus-rtu-protocol';
import {
  type BoardModeName,
  checkBlinkSeconds,
  checkBrightness,
  checkUnitId,
  MODE_NAMES,
  signContent,
  ticketContent,
} from './register-map';

export interface LedBoardBusOptions {
  /** Extra attempts after a timeout or a damaged answer (noise is common on long RS-485 runs). */
  retries?: number;
  /**
   * Longest one exchange may take before the bus gives up on it, whatever the protocol does;
   * Modbus has its own per-request timeout, this guards protocols that might never settle.
   */
  guardMs?: number;
}

export interface LedBoardBusEvents {
  /** A request to a board failed after its retries. Its promise rejects with the same error. */
  'board-error': [{ readonly unitId: number; readonly error: LedBoardError }];
  /** A board stopped answering (first failure after success, or at start). */
  'board-offline': [number, LedBoardError];
  /** A board answers again. */
  'board-online': [number];
}

export interface ShowOptions {
  /** Seconds to blink the new number (a new call); 0 for steady. Default 0. */
  blinkSeconds?: number;
}

/**
 * The counter boards on one serial line, by unit address. Requests go out one at a time in the
 * order asked (RS-485 is half-duplex); each is retried on timeout or bad CRC, and a board that
 * still does not answer rejects that request with a named error and emits 'board-error'
 * without disturbing the requests to the other boards.
 */
export class LedBoardBus extends EventEmitter<LedBoardBusEvents> {
  readonly #protocol: BoardProtocol;
  readonly #retries: number;
  readonly #guardMs: number;
  #tail: Promise<unknown> = Promise.resolve();
  readonly #offline = new Set<number>();
  #closed = false;

  constructor(protocol: BoardProtocol, options: LedBoardBusOptions = {}) {
    super();
    this.#protocol = protocol;
    this.#retries = options.retries ?? 1;
    this.#guardMs = options.guardMs ?? 5000;
  }

  /** Opens a serial port and speaks Modbus RTU on it: the usual way to build a bus. */
  static async openModbus(
    path: string,
    options: SerialLineOptions & LedBoardBusOptions = {},
  ): Promise<LedBoardBus> {
    return new LedBoardBus(await ModbusRtuProtocol.open(path, options), options);
  }

  get protocolName(): string {
    return this.#protocol.name;
  }

  /** Boards whose last request failed. */
  get offlineBoards(): number[] {
    return [...this.#offline].sort((a, b) => a - b);
  }

  /** Shows a ticket number ("A-042") in normal mode, blinking for a new call if asked. */
  async showNumber(unitId: number, ticketNumber: string, options: ShowOptions = {}): Promise<void> {
    const content = ticketContent(ticketNumber);
    const blink = checkBlinkSeconds(options.blinkSeconds ?? 0);
    return this.#request(unitId, () => this.#protocol.show(unitId, content, blink));
  }

  /**
   * Shows a short sign in normal mode ("Err" for a refused keypad press), blinking if asked;
   * digit-only boards show 0. Up to 8 printable ASCII characters.
   */
  async showSign(unitId: number, text: string, options: ShowOptions = {}): Promise<void> {
    const content = signContent(text);
    const blink = checkBlinkSeconds(options.blinkSeconds ?? 0);
    return this.#request(unitId, () => this.#protocol.show(unitId, content, blink));
  }

  /** Blinks what is shown for `seconds` (0 stops blinking). Bad values reject, nothing is sent. */
  async blink(unitId: number, seconds: number): Promise<void> {
    checkBlinkSeconds(seconds);
    return this.#request(unitId, () => this.#protocol.blink(unitId, seconds));
  }

  async setBrightness(unitId: number, percent: number): Promise<void> {
    checkBrightness(percent);
    return this.#request(unitId, () => this.#protocol.setBrightness(unitId, percent));
  }

  /** "Closed": the counter is not serving (the board shows a dash). */
  async showClosed(unitId: number): Promise<void> {
    return this.setMode(unitId, 'closed');
  }

  async blank(unitId: number): Promise<void> {
    return this.setMode(unitId, 'blank');
  }

  async setMode(unitId: number, mode: BoardModeName): Promise<void> {
    if (!MODE_NAMES.includes(mode))
      throw new BoardValueError(`mode must be one of ${MODE_NAMES.join(', ')}, got "${String(mode)}"`);
    return this.#request(unitId, () => this.#protocol.setMode(unitId, mode));
  }

  /** Reads back what the board shows (also a cheap "are you there?"). */
  async readState(unitId: number): Promise<BoardState> {
    return this.#request(unitId, () => this.#protocol.readState(unitId));
  }

  /** Waits for queued requests, then closes the line. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#tail;
    await this.#protocol.close();
  }

  #request<T>(unitId: number, exchange: () => Promise<T>): Promise<T> {
    checkUnitId(unitId);
    if (this.#closed) return Promise.reject(new BoardBusError(unitId, 'bus is closed'));
    const run = this.#tail.then(() => this.#attempt(unitId, exchange));
    // The queue must go on after a failure; the caller still sees it through `run`.
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #attempt<T>(unitId: number, exchange: () => Promise<T>): Promise<T> {
    let lastError: LedBoardError | undefined;
    for (let attempt = 1; attempt <= 1 + this.#retries; attempt++) {
      try {
        const value = await this.#guarded(unitId, exchange);
        if (this.#offline.delete(unitId)) this.#tell(() => this.emit('board-online', unitId));
        return value;
      } catch (e) {
        lastError = e instanceof LedBoardError ? e : new BoardBusError(unitId, String(e));
        if (!(lastError instanceof BoardTimeoutError || lastError instanceof BoardCrcError)) break;
      }
    }
    const error = withAttempts(lastError!, 1 + this.#retries);
    this.#tell(() => this.emit('board-error', { unitId, error }));
    if (!this.#offline.has(unitId)) {
      this.#offline.add(unitId);
      this.#tell(() => this.emit('board-offline', unitId, error));
    }
    throw error;
  }

  #guarded<T>(unitId: number, exchange: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new BoardTimeoutError(unitId, 1, this.#guardMs)), this.#guardMs);
      exchange().then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  /** A throwing listener must not turn a board's trouble into the bus's. */
  #tell(emit: () => void): void {
    try {
      emit();
    } catch {
      // Listeners are the caller's code; the request's own promise still reports the error.
    }
  }
}

/** The protocol counts one attempt; the bus knows how many it made. */
function withAttempts(error: LedBoardError, attempts: number): LedBoardError {
  if (error instanceof BoardTimeoutError)
    return new BoardTimeoutError(error.unitId, attempts, error.timeoutMs);
  if (error instanceof BoardCrcError) return new BoardCrcError(error.unitId, attempts);
  return error;
}
