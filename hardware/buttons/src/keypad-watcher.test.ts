import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, describe, expect, it } from 'vitest';

import { KeypadDisconnectedError, KeypadOpenError, MalformedReportError } from './errors';
import { KeypadEmulator } from './keypad-emulator';
import { type KeypadCommandEvent, KeypadWatcher, type KeypadWatcherOptions } from './keypad-watcher';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup(emulatorOptions = {}, watcherOptions: KeypadWatcherOptions = {}) {
  const emulator = new KeypadEmulator(emulatorOptions);
  const watcher = new KeypadWatcher({
    listDevices: emulator.listDevices,
    openDevice: emulator.openDevice,
    pollMs: 60_000,
    ...watcherOptions,
  });
  const commands: KeypadCommandEvent[] = [];
  const faults: Error[] = [];
  watcher.on('command', (c) => commands.push(c));
  watcher.on('fault', (e) => faults.push(e));
  cleanups.push(async () => {
    await watcher.stop();
    await emulator.close();
  });
  return { emulator, watcher, commands, faults };
}

const next = <T extends unknown[]>(
  emitter: KeypadWatcher,
  event: 'command' | 'attached' | 'detached' | 'fault',
) => once(emitter, event, { signal: AbortSignal.timeout(2000) }) as Promise<T>;

/** Lets every report already sent arrive (the emulator delivers on the next loop turns). */
const settle = () => sleep(30);

describe('KeypadWatcher with the keypad emulator', () => {
  it('opens the keypad and turns a press into exactly one command', async () => {
    const { emulator, watcher, commands } = setup();
    const attached = next(watcher, 'attached');
    await watcher.start();
    expect((await attached)[0]).toMatchObject({ vendorId: 0x1189, productId: 0x8890 });
    const command = next<[KeypadCommandEvent]>(watcher, 'command');
    const reports = emulator.press('F13');
    const [event] = await command;
    expect(reports.map((r) => r.toString('hex'))).toEqual(['0000680000000000', '0000000000000000']);
    expect(event).toMatchObject({ command: 'next', key: 'F13', profile: 'CH552 programmable keypad' });
    await settle();
    expect(commands).toHaveLength(1);
  });

  it('makes one command of a chattering contact and of a held key that repeats its report', async () => {
    const { emulator, watcher, commands } = setup();
    await watcher.start();
    emulator.chatter('F14', 4);
    await settle();
    expect(commands.map((c) => c.command)).toEqual(['recall']);
    await sleep(50); // past the debounce window
    emulator.hold('F17');
    emulator.repeat(5);
    emulator.release('F17');
    await settle();
    expect(commands.map((c) => c.command)).toEqual(['recall', 'done']);
  });

  it('reads keypads that prefix their reports with a report id', async () => {
    const { emulator, watcher, commands } = setup({ reportId: 1 });
    await watcher.start();
    const [report] = emulator.press('F15');
    expect(report!.toString('hex')).toBe('0100006a0000000000');
    await settle();
    expect(commands.map((c) => c.command)).toEqual(['no-show']);
  });

  it('survives unplug and picks the keypad up again on replug, under a new path', async () => {
    const { emulator, watcher, commands } = setup();
    await watcher.start();
    const detached = next<[unknown, Error]>(watcher, 'detached');
    await emulator.unplug();
    const [, reason] = await detached;
    expect(reason).toBeInstanceOf(KeypadDisconnectedError);
    expect(watcher.devices).toEqual([]);
    emulator.press('F13'); // nobody hears a keypad that is not there
    await watcher.scan();
    expect(watcher.devices).toEqual([]);

    await emulator.replug({ path: 'emulator://keypad/7' });
    const attached = next<[{ path: string }]>(watcher, 'attached');
    await watcher.scan();
    expect((await attached)[0].path).toBe('emulator://keypad/7');
    emulator.press('F16');
    await settle();
    expect(commands.map((c) => c.command)).toEqual(['start']);
  });

  it('notices replug by itself, through its poll', async () => {
    const { emulator, watcher } = setup({}, { pollMs: 20 });
    await watcher.start();
    const detached = next(watcher, 'detached');
    await emulator.unplug();
    await detached;
    const attached = next(watcher, 'attached');
    await emulator.replug();
    await attached;
    expect(watcher.devices).toHaveLength(1);
  });

  it('never opens a keyboard the keymap does not name', async () => {
    const emulator = new KeypadEmulator({ vendorId: 0x046d, productId: 0xc31c });
    let opened = 0;
    const { watcher } = setup(
      {},
      {
        listDevices: emulator.listDevices,
        openDevice: async (d) => {
          opened++;
          return emulator.openDevice(d);
        },
      },
    );
    await watcher.start();
    expect(watcher.devices).toEqual([]);
    expect(opened).toBe(0);
  });

  it('reports a keypad that will not open once, and keeps trying', async () => {
    const emulator = new KeypadEmulator();
    let attempts = 0;
    const { watcher, faults } = setup(
      {},
      {
        listDevices: emulator.listDevices,
        openDevice: async (d) => {
          if (++attempts < 4) throw new KeypadOpenError(d.path, 'Permission denied');
          return emulator.openDevice(d);
        },
      },
    );
    await watcher.start();
    await watcher.scan();
    await watcher.scan();
    expect(faults).toHaveLength(1);
    expect(faults[0]).toBeInstanceOf(KeypadOpenError);
    await watcher.scan();
    expect(watcher.devices).toHaveLength(1);
  });

  it('reports garbage reports as faults and keeps working', async () => {
    const { emulator, watcher, commands, faults } = setup();
    await watcher.start();
    emulator.send(Buffer.from('deadbeef00', 'hex'));
    emulator.send(Buffer.alloc(0));
    emulator.press('F18');
    await settle();
    expect(faults.map((f) => f.constructor)).toEqual([MalformedReportError, MalformedReportError]);
    expect(commands.map((c) => c.command)).toEqual(['transfer']);
  });

  it('survives a command listener that throws', async () => {
    const { emulator, watcher, commands, faults } = setup();
    let calls = 0;
    watcher.prependListener('command', () => {
      if (++calls === 1) throw new Error('listener bug');
    });
    await watcher.start();
    emulator.press('F13');
    emulator.press('F19');
    await settle();
    // The throwing call cut that one emit short (EventEmitter semantics); the keypad lives on.
    expect(commands.map((c) => c.command)).toEqual(['pause']);
    expect(faults.map((f) => f.message)).toEqual(['listener bug']);
    expect(watcher.devices).toHaveLength(1);
  });
});
