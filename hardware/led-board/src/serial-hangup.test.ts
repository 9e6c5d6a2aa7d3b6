import { coreShareOver, within } from '@novbe/serial/hangup-testing';

import { type PtyPair, createPtyPair } from '@novbe/serial';
import { afterEach, describe, expect, it } from 'vitest';

import { BoardBusError, type LedBoardError } from './errors';
import { LedBoardBus } from './led-board-bus';
import { LedBoardEmulator } from './led-board-emulator';

let pair: PtyPair | undefined;
let emulator: LedBoardEmulator | undefined;
let bus: LedBoardBus | undefined;

afterEach(async () => {
  await bus?.close();
  await emulator?.close();
  await pair?.close();
  bus = emulator = pair = undefined;
});

describe.runIf(process.platform === 'linux')(
  'LedBoardBus when the RS-485 adapter hangs up mid-transfer',
  () => {
    // serialport's own Linux binding retried a 0-byte read forever once the tty hung up: the process
    // spun a core and the bus never heard of it. That needs the hang-up to land between two reads of
    // arriving bytes; a request/answer line mostly waits in poll(), so only some rounds hit the window
    // (about one in three with the stock binding): ten rounds catch it.
    it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
      'fails with BoardBusError and does not spin (round %i)',
      async (round) => {
        pair = await createPtyPair();
        emulator = await LedBoardEmulator.open(pair.devicePath, { units: [1, 2] });
        bus = await LedBoardBus.openModbus(pair.driverPath, { timeoutMs: 100, retries: 1 });
        const errors: LedBoardError[] = [];
        bus.on('board-error', ({ error }) => errors.push(error));

        // Pull the plug right as a request arrives, when both ends are about to read again.
        let requests = 0;
        const killAt = 5 + round * 3;
        const killed = new Promise<void>((resolve) =>
          emulator!.on('request', () => {
            if (++requests !== killAt) return;
            process.kill(pair!.pid, 'SIGKILL');
            resolve();
          }),
        );
        // Calls to two boards back to back, answers coming back, until one fails.
        const flow = (async () => {
          for (let i = 0; ; i++) {
            try {
              await bus!.showNumber(1 + (i % 2), `A-${String(i % 1000).padStart(3, '0')}`);
            } catch (error) {
              return error;
            }
          }
        })();
        await killed;
        const failure = await within(flow, 1000, 'the bus reported no failure');

        expect(failure).toBeInstanceOf(BoardBusError);
        expect(errors.at(-1)).toBe(failure);
        await expect(within(bus.readState(1), 100, 'the closed line was not refused')).rejects.toBeInstanceOf(
          BoardBusError,
        );
        expect(await coreShareOver(500)).toBeLessThan(0.3);
      },
    );
  },
);
