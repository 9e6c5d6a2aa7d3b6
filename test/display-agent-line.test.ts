/**
 * The display agent's RS-485 line pulled out and put back (socat killed, then a new pty pair at
 * the same paths): every board counts as offline meanwhile, and the agent opens the line again by
 * itself and sends each board its state.
 */
import { startDisplayAgent, type DisplayAgent } from '@novbe/display/agent';
import { createPtyPair, LedBoardEmulator, type PtyPair } from '@novbe/led-board';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

let dir: string | undefined;
let agent: DisplayAgent | undefined;
let pty: PtyPair | undefined;
let boards: LedBoardEmulator | undefined;
afterEach(async () => {
  await agent?.close();
  await boards?.close();
  await pty?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  agent = boards = pty = dir = undefined;
});

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('display agent: the board line', () => {
  it('opens the line again when it comes back and shows each board its state', async () => {
    dir = mkdtempSync(join(tmpdir(), 'novbe-display-line-'));
    const paths = { driverPath: join(dir, 'driver'), devicePath: join(dir, 'device') };
    pty = await createPtyPair(paths);
    boards = await LedBoardEmulator.open(pty.devicePath, { units: [1, 2] });
    // What the boards showed when the agent last stopped (no server here: it is all they know).
    const dataDir = join(dir, 'display');
    const counter = (number: string | null) => ({
      status: 'open',
      number,
      inHand: number !== null,
      blinkUntil: 0,
    });
    mkdirSync(dataDir);
    writeFileSync(
      join(dataDir, 'display-state.json'),
      JSON.stringify({ seq: 7, counters: { 'counter-1': counter('A-007'), 'counter-2': counter(null) } }),
    );

    agent = await startDisplayAgent({
      serverUrl: 'http://127.0.0.1:9', // nothing listens: the boards do not need the server
      dataDir,
      logLevel: 'silent',
      keypads: { hid: false },
      boards: {
        path: paths.driverPath,
        timeoutMs: 100,
        checkIntervalMs: 100,
        units: [
          { unit: 1, counterId: 'counter-1' },
          { unit: 2, counterId: 'counter-2' },
        ],
      },
    });
    await until(() => boards!.board(1).display === 'A-007', 'board 1 shows A-007');
    expect(agent.status().boardsOffline).toEqual([]);

    // The adapter is pulled: both boards are offline.
    await boards.close();
    await pty.close();
    await until(() => agent!.status().boardsOffline.join() === '1,2', 'both boards offline');

    // Back, with boards that lost power (blank): the agent opens the line and sends their state.
    pty = await createPtyPair(paths);
    boards = await LedBoardEmulator.open(pty.devicePath, { units: [1, 2] });
    await until(() => agent!.status().boardsOffline.length === 0, 'both boards back');
    await until(() => boards!.board(1).display === 'A-007', 'board 1 shows A-007 again');
    expect(boards.board(2)).toMatchObject({ mode: 'blank', blinking: false });
  });
});
