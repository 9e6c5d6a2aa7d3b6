import { createPtyPair, type PtyPair } from '@novbe/serial';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { BoardProtocol, BoardState } from './board-protocol';
import {
  BoardBusError,
  BoardCrcError,
  BoardRejectedError,
  BoardTimeoutError,
  BoardValueError,
  type LedBoardError,
} from './errors';
import { LedBoardBus } from './led-board-bus';
import { LedBoardEmulator, type ModbusRequestLog } from './led-board-emulator';
import { ModbusRtuProtocol } from './modbus-rtu-protocol';

describe('LedBoardBus (modbus-serial) ↔ LedBoardEmulator over a socat pty pair', () => {
  let pair: PtyPair;
  let emulator: LedBoardEmulator;
  let bus: LedBoardBus;
  let requests: ModbusRequestLog[];
  let boardErrors: { unitId: number; error: LedBoardError }[];

  beforeEach(async () => {
    pair = await createPtyPair();
    emulator = await LedBoardEmulator.open(pair.devicePath, { units: [1, 2, 3] });
    requests = [];
    emulator.on('request', (r) => requests.push(r));
    bus = await LedBoardBus.openModbus(pair.driverPath, { timeoutMs: 100, retries: 1 });
    boardErrors = [];
    bus.on('board-error', (e) => boardErrors.push(e));
  });

  afterEach(async () => {
    await bus.close();
    await emulator.close();
    await pair.close();
  });

  it('sets the number on boards 1 and 2 by address', async () => {
    await bus.showNumber(1, 'A-042');
    await bus.showNumber(2, 'B-107');
    expect(emulator.board(1)).toMatchObject({
      display: 'A-042',
      number: 42,
      mode: 'normal',
      blinking: false,
    });
    expect(emulator.board(2)).toMatchObject({ display: 'B-107', number: 107 });
    expect(emulator.board(3).display).toBe('');
    expect(requests.map((r) => [r.unitId, r.functionCode])).toEqual([
      [1, 16],
      [1, 16],
      [2, 16],
      [2, 16],
    ]);
  });

  it('blinks on a new call, sets brightness, shows closed and blank, and reads it all back', async () => {
    await bus.showNumber(1, 'C-005', { blinkSeconds: 5 });
    expect(emulator.board(1)).toMatchObject({ blinking: true, blinkSecondsLeft: 5 });
    await bus.blink(1, 0);
    expect(emulator.board(1).blinking).toBe(false);
    await bus.setBrightness(1, 35);
    expect(await bus.readState(1)).toEqual({
      unitId: 1,
      number: 5,
      text: 'C-005',
      blinkSecondsLeft: 0,
      brightness: 35,
      mode: 'normal',
    });
    await bus.showClosed(1);
    expect(emulator.board(1)).toMatchObject({ mode: 'closed', display: '—' });
    await bus.blank(1);
    expect(emulator.board(1)).toMatchObject({ mode: 'blank', display: '' });
    await bus.showNumber(1, 'C-006');
    expect(emulator.board(1)).toMatchObject({ mode: 'normal', display: 'C-006' });
    await bus.showSign(1, 'Err', { blinkSeconds: 3 });
    expect(emulator.board(1)).toMatchObject({ mode: 'normal', display: 'Err', number: 0, blinking: true });
  });

  it('times a dead board out with a named error while the other boards keep working', async () => {
    emulator.setDead(2);
    const offline: number[] = [];
    bus.on('board-offline', (unit) => offline.push(unit));
    const [one, two, three] = await Promise.allSettled([
      bus.showNumber(1, 'A-001'),
      bus.showNumber(2, 'A-002'),
      bus.showNumber(3, 'A-003'),
    ]);
    expect(one.status).toBe('fulfilled');
    expect(three.status).toBe('fulfilled');
    expect(two.status === 'rejected' && two.reason).toBeInstanceOf(BoardTimeoutError);
    expect(two.status === 'rejected' && (two.reason as BoardTimeoutError).attempts).toBe(2);
    expect(emulator.board(1).display).toBe('A-001');
    expect(emulator.board(3).display).toBe('A-003');
    expect(boardErrors.map((e) => [e.unitId, e.error.name])).toEqual([[2, 'BoardTimeoutError']]);
    expect(offline).toEqual([2]);
    expect(bus.offlineBoards).toEqual([2]);

    const online: number[] = [];
    bus.on('board-online', (unit) => online.push(unit));
    emulator.setDead(2, false);
    await bus.showNumber(2, 'A-002');
    expect(online).toEqual([2]);
    expect(bus.offlineBoards).toEqual([]);
  });

  it('rejects an answer with a bad CRC, retries, and recovers', async () => {
    emulator.corruptCrc(1, 1);
    await bus.setBrightness(1, 60); // first answer damaged, the retry gets through
    expect(emulator.board(1).brightness).toBe(60);

    emulator.corruptCrc(1, 2);
    await expect(bus.setBrightness(1, 70)).rejects.toBeInstanceOf(BoardCrcError);
    expect(boardErrors.map((e) => e.error.name)).toEqual(['BoardCrcError']);
    await bus.setBrightness(1, 80);
    expect((await bus.readState(1)).brightness).toBe(80);
  });

  it('checks values before sending anything', async () => {
    await expect(bus.setBrightness(1, 150)).rejects.toBeInstanceOf(BoardValueError);
    await expect(bus.showNumber(1, 'no digits')).rejects.toBeInstanceOf(BoardValueError);
    await expect(bus.showNumber(0, 'A-001')).rejects.toBeInstanceOf(BoardValueError);
    await expect(bus.showSign(1, 'TOO-LONG-1')).rejects.toBeInstanceOf(BoardValueError);
    await expect(bus.setMode(1, 'dimmed' as 'blank')).rejects.toBeInstanceOf(BoardValueError);
    expect(requests).toEqual([]);
  });
});

describe('ModbusRtuProtocol', () => {
  it('reports a board refusing a value as BoardRejectedError (Modbus exception 03)', async () => {
    const pair = await createPtyPair();
    const emulator = await LedBoardEmulator.open(pair.devicePath, { units: [4] });
    const protocol = await ModbusRtuProtocol.open(pair.driverPath, { timeoutMs: 100 });
    try {
      // Past the bus's own checks, straight to the wire: the board is the last line of defence.
      const refused = protocol.setBrightness(4, 150);
      await expect(refused).rejects.toBeInstanceOf(BoardRejectedError);
      await expect(refused).rejects.toMatchObject({ exceptionCode: 3, unitId: 4 });
    } finally {
      await protocol.close();
      await emulator.close();
      await pair.close();
    }
  });

  it('fails to open a missing port with BoardBusError', async () => {
    await expect(ModbusRtuProtocol.open('/dev/novbe-no-such-port')).rejects.toBeInstanceOf(BoardBusError);
  });
});

/** A protocol whose exchanges take time and can hang, to test the bus's own queue and guard. */
class SlowProtocol implements BoardProtocol {
  readonly name = 'slow';
  active = 0;
  maxActive = 0;
  log: string[] = [];
  hang = new Set<number>();

  async #exchange(unitId: number, what: string): Promise<void> {
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    this.log.push(`${unitId}:${what}`);
    if (this.hang.has(unitId)) await new Promise(() => undefined);
    await new Promise((r) => setTimeout(r, 5));
    this.active--;
  }
  show = (u: number) => this.#exchange(u, 'show');
  blink = (u: number) => this.#exchange(u, 'blink');
  setBrightness = (u: number) => this.#exchange(u, 'brightness');
  setMode = (u: number) => this.#exchange(u, 'mode');
  readState = async (u: number): Promise<BoardState> => {
    await this.#exchange(u, 'read');
    return { unitId: u, number: 0, text: '', blinkSecondsLeft: 0, brightness: 0, mode: 'blank' };
  };
  close = async () => undefined;
}

describe('LedBoardBus with any BoardProtocol', () => {
  it('never runs two exchanges at once, and keeps the order asked', async () => {
    const protocol = new SlowProtocol();
    const bus = new LedBoardBus(protocol);
    await Promise.all([bus.showNumber(1, '1'), bus.blink(2, 3), bus.setBrightness(3, 10), bus.readState(1)]);
    expect(protocol.maxActive).toBe(1);
    expect(protocol.log).toEqual(['1:show', '2:blink', '3:brightness', '1:read']);
    await bus.close();
  });

  it('gives up on an exchange that never settles and moves on', async () => {
    const protocol = new SlowProtocol();
    protocol.hang.add(2);
    const bus = new LedBoardBus(protocol, { guardMs: 50, retries: 0 });
    const stuck = bus.showNumber(2, '7');
    const next = bus.showNumber(1, '8');
    await expect(stuck).rejects.toBeInstanceOf(BoardTimeoutError);
    await expect(next).resolves.toBeUndefined();
    await bus.close();
    await expect(bus.showNumber(1, '9')).rejects.toBeInstanceOf(BoardBusError);
  });
});
