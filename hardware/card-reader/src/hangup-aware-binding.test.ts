import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CardReaderEmulator } from './card-reader-emulator';
import { HangupAwareLinuxBinding, SerialHangupError } from './hangup-aware-binding';

let emulator: CardReaderEmulator;

beforeEach(async () => {
  emulator = await CardReaderEmulator.start();
});

afterEach(async () => {
  await emulator.stop();
});

const open = () => HangupAwareLinuxBinding.open({ path: emulator.path, baudRate: 9600 });

describe.runIf(process.platform === 'linux')('HangupAwareLinuxBinding', () => {
  it('reads the bytes the device sends', async () => {
    const port = await open();
    const pending = port.read(Buffer.alloc(64), 0, 64);
    await emulator.send(Buffer.from('IDAZE\r'));
    const { buffer, bytesRead } = await pending;
    expect(buffer.subarray(0, bytesRead).toString()).toBe('IDAZE\r');
    await port.close();
  });

  it('ends a pending read with SerialHangupError when the device goes away, instead of spinning', async () => {
    const port = await open();
    const outcome = port.read(Buffer.alloc(64), 0, 64).catch((error: unknown) => error);
    await emulator.unplug();
    expect(await outcome).toBeInstanceOf(SerialHangupError);
    await port.close();
  });

  it('cancels a pending read on close, again and again, without touching the destroyed poller', async () => {
    for (let i = 0; i < 20; i++) {
      const port = await open();
      const outcome = port.read(Buffer.alloc(64), 0, 64).catch((error: unknown) => error);
      await port.close();
      expect(await outcome).toMatchObject({ canceled: true });
    }
  });
});
