import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, describe, expect, it } from 'vitest';

import { MalformedReportError } from './errors';
import { KeypadEmulator } from './keypad-emulator';
import { type KeypadCommandEvent, KeypadWatcher } from './keypad-watcher';
import { encodeFrame, FrameDecoder, tcpKeypad } from './tcp-hid';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(pollMs = 60_000) {
  const emulator = new KeypadEmulator();
  const port = await emulator.listen(0);
  const source = tcpKeypad({ port, vendorId: 0x1189, productId: 0x8890 });
  const watcher = new KeypadWatcher({ ...source, pollMs });
  const commands: KeypadCommandEvent[] = [];
  const faults: Error[] = [];
  watcher.on('command', (c) => commands.push(c));
  watcher.on('fault', (e) => faults.push(e));
  cleanups.push(async () => {
    await watcher.stop();
    await emulator.close();
  });
  return { emulator, watcher, commands, faults, port };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await sleep(10);
  expect(check()).toBe(true);
};

describe('FrameDecoder', () => {
  it('reassembles reports split and joined at any byte', () => {
    const stream = Buffer.concat([
      encodeFrame(Buffer.from('0000680000000000', 'hex')),
      encodeFrame(Buffer.from('b500', 'hex')),
    ]);
    const decoder = new FrameDecoder();
    const out = [...stream].flatMap((b) => decoder.push(Buffer.of(b)));
    expect(out.map((r) => r.toString('hex'))).toEqual(['0000680000000000', 'b500']);
  });

  it('rejects an impossible length byte', () => {
    expect(() => new FrameDecoder().push(Buffer.of(0xff, 1, 2))).toThrow(MalformedReportError);
    expect(() => encodeFrame(Buffer.alloc(65))).toThrow(MalformedReportError);
  });
});

describe('keypad over TCP (emulator in the same process, real sockets on 127.0.0.1)', () => {
  it('delivers the exact reports and turns them into commands', async () => {
    const { emulator, watcher, commands } = await setup();
    const attached = once(watcher, 'attached');
    await watcher.start();
    await attached;
    emulator.press('F13');
    emulator.chatter('F17', 3);
    await until(() => commands.length >= 2);
    await sleep(20);
    expect(commands.map((c) => c.command)).toEqual(['next', 'done']);
    expect(commands[0]!.device.path).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
  });

  it('reconnects after the keypad is unplugged and plugged back in', async () => {
    const { emulator, watcher, commands, faults } = await setup(20);
    await watcher.start();
    const detached = once(watcher, 'detached');
    await emulator.unplug();
    await detached;
    await sleep(60); // a few polls fail to connect: one fault, not one per poll
    expect(faults.length).toBe(1);
    const attached = once(watcher, 'attached');
    await emulator.replug();
    await attached;
    emulator.press('F19');
    await until(() => commands.length === 1);
    expect(commands[0]!.command).toBe('pause');
  });

  it('drops a link that sends a broken frame, then reconnects', async () => {
    const { emulator, watcher } = await setup(20);
    await watcher.start();
    const detached = once(watcher, 'detached');
    emulator.sendWire(Buffer.from('4600006800', 'hex')); // length byte 0x46 = 70: no such report
    const [, reason] = (await detached) as [unknown, Error];
    expect(reason.message).toMatch(/frame length 70/);
    await once(watcher, 'attached');
  });
});
