/**
 * Named errors of the LED board bus. Each names the board (unit address) it concerns, so one
 * dead board on a shared RS-485 line is reported as that board's problem, not the bus's.
 */
export abstract class LedBoardError extends Error {
  abstract readonly code: string;
}

/** The board did not answer within the timeout, after every retry: off, unplugged, wrong address. */
export class BoardTimeoutError extends LedBoardError {
  override name = 'BoardTimeoutError';
  readonly code = 'board-timeout';
  constructor(
    readonly unitId: number,
    readonly attempts: number,
    readonly timeoutMs: number,
  ) {
    super(`LED board ${unitId} did not answer (${attempts} attempt(s), ${timeoutMs} ms each)`);
  }
}

/** The answer arrived damaged: its CRC-16/MODBUS does not match (noise on the line). */
export class BoardCrcError extends LedBoardError {
  override name = 'BoardCrcError';
  readonly code = 'board-crc';
  constructor(
    readonly unitId: number,
    readonly attempts: number,
  ) {
    super(`LED board ${unitId} answered with a bad CRC (${attempts} attempt(s))`);
  }
}

/** The board understood and refused (a Modbus exception: bad register, bad value). */
export class BoardRejectedError extends LedBoardError {
  override name = 'BoardRejectedError';
  readonly code = 'board-rejected';
  constructor(
    readonly unitId: number,
    readonly exceptionCode: number,
    detail: string,
  ) {
    super(`LED board ${unitId} refused the request: ${detail}`);
  }
}

/** Anything else between us and the board: the port could not open, closed, a garbled answer. */
export class BoardBusError extends LedBoardError {
  override name = 'BoardBusError';
  readonly code = 'board-bus';
  constructor(
    readonly unitId: number | undefined,
    detail: string,
  ) {
    super(unitId === undefined ? `LED board bus: ${detail}` : `LED board ${unitId}: ${detail}`);
  }
}

/** A value the caller asked for that no board can show (checked before anything is sent). */
export class BoardValueError extends LedBoardError {
  override name = 'BoardValueError';
  readonly code = 'board-value';
  constructor(detail: string) {
    super(detail);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${String(x)}`);
}
