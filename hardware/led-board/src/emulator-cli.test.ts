import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { LedBoardBus } from './led-board-bus';

const CLI = fileURLToPath(new URL('./emulator-cli.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

let child: ChildProcessWithoutNullStreams | undefined;
let bus: LedBoardBus | undefined;
afterEach(async () => {
  await bus?.close();
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  child = bus = undefined;
});

/** Collects stdout; `waitFor` resolves with the first match of a pattern (seen or to come). */
function output(proc: ChildProcessWithoutNullStreams) {
  let out = '';
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return {
    waitFor: async (pattern: RegExp): Promise<RegExpMatchArray> => {
      for (let i = 0; i < 160; i++) {
        const m = pattern.exec(out);
        if (m) return m;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no match for ${pattern} in: ${out}`);
    },
  };
}

describe('LED board emulator CLI', () => {
  it('prints help', async () => {
    child = spawn(TSX, [CLI, '--help']);
    const exited = once(child, 'exit');
    const out = output(child);
    await out.waitFor(/Usage:[\s\S]*corrupt <unit>/);
    await exited;
    expect(child.exitCode).toBe(0);
  });

  it('runs boards on its own pty pair that the real driver talks to', async () => {
    child = spawn(TSX, [CLI, '--units', '1,2']);
    const out = output(child);
    const [, driverPort] = await out.waitFor(/driver port: (\S+)/);
    bus = await LedBoardBus.openModbus(driverPort!, { timeoutMs: 200 });
    await bus.showNumber(2, 'D-321', { blinkSeconds: 4 });
    await out.waitFor(/board 2: \[D-321\], blinking 4s, brightness 100%, normal/);
    child.stdin.write('dead 1\n');
    await out.waitFor(/board 1: .*DEAD/);
    await expect(bus.setBrightness(1, 10)).rejects.toThrow(/did not answer/);
    const exited = once(child, 'exit');
    child.stdin.write('quit\n');
    await exited;
    expect(child.exitCode).toBe(0);
  });
});
