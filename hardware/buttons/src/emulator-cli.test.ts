import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { type KeypadCommandEvent, KeypadWatcher } from './keypad-watcher';
import { tcpKeypad } from './tcp-hid';

const CLI = fileURLToPath(new URL('./emulator-cli.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

let child: ChildProcessWithoutNullStreams | undefined;
let watcher: KeypadWatcher | undefined;
afterEach(async () => {
  await watcher?.stop();
  if (child && child.exitCode === null) {
    child.kill();
    await once(child, 'exit');
  }
  child = watcher = undefined;
});

/** Resolves with the first stdout line matching `pattern`. */
function lineMatching(proc: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} in: ${out}`)), 8000);
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
  });
}

describe('keypad emulator CLI', () => {
  it('prints help', async () => {
    child = spawn(TSX, [CLI, '--help']);
    const exited = once(child, 'exit');
    await lineMatching(child, /Usage: .*emulator-cli\.ts[\s\S]*chatter/);
    await exited;
    expect(child.exitCode).toBe(0);
  });

  it('serves a keypad in another process that a watcher reads over TCP', async () => {
    child = spawn(TSX, [CLI, '--port', '0']);
    const [, port] = await lineMatching(child, /serving HID reports on tcp:\/\/127\.0\.0\.1:(\d+)/);
    watcher = new KeypadWatcher({
      ...tcpKeypad({ port: Number(port), vendorId: 0x1189, productId: 0x8890 }),
    });
    const attached = once(watcher, 'attached');
    await watcher.start();
    await attached;
    const command = once(watcher, 'command') as Promise<[KeypadCommandEvent]>;
    const printed = lineMatching(child, /report 00 00 6a 00 00 00 00 00/);
    child.stdin.write('press F15\n');
    const [event] = await command;
    await printed;
    expect(event.command).toBe('no-show');
    const exited = once(child, 'exit');
    child.stdin.end('quit\n');
    await exited;
  });
});
