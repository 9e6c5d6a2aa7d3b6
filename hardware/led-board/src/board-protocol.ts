import type { BoardContent, BoardModeName } from './register-map';

/** What a board shows and how, as read back from it. */
export interface BoardState {
  readonly unitId: number;
  readonly number: number;
  readonly text: string;
  readonly blinkSecondsLeft: number;
  readonly brightness: number;
  readonly mode: BoardModeName;
}

/**
 * How to talk to the boards on one serial line. Modbus RTU (`ModbusRtuProtocol`) is the default;
 * a maker's own frames go in another implementation of this interface, and `LedBoardBus`
 * (queueing, retries, error events) works over either.
 *
 * Each call is one exchange with one board and throws a `LedBoardError`: `BoardTimeoutError`
 * and `BoardCrcError` are worth retrying, `BoardRejectedError` and `BoardBusError` are not.
 * The bus never makes two calls at once: RS-485 is half-duplex, one conversation at a time.
 */
export interface BoardProtocol {
  readonly name: string;
  /** Shows a ticket in normal mode, blinking for `blinkSeconds` (0: steady). */
  show(unitId: number, content: BoardContent, blinkSeconds: number): Promise<void>;
  blink(unitId: number, seconds: number): Promise<void>;
  setBrightness(unitId: number, percent: number): Promise<void>;
  setMode(unitId: number, mode: BoardModeName): Promise<void>;
  readState(unitId: number): Promise<BoardState>;
  close(): Promise<void>;
}
