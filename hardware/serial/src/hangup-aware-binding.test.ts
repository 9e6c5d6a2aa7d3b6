import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { HangupAwareLinuxBinding, SerialHangupError } from './hangup-aware-binding';
import { type PtyPair, createPtyPair } from './pty-pair';

let pair: PtyPair;
let device: FileHandle;

beforeEach(async () => {
  pair = await createPtyPair();
  // O_NOCTTY: the pty must never become this process's controlling terminal.
  device = await open(pair.devicePath, constants.O_WRONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
});

afterEach(async () => {
  await pair.close();
  await device.close().catch(() => undefined);
});

const openDriverEnd = () => HangupAwareLinuxBinding.open({ path: pair.driverPath, baudRate: 9600 });

describe.runIf(process.platform === 'linux')('HangupAwareLinuxBinding', () => {
  it('reads the bytes the device sends', async () => {
    const port = await openDriverEnd();
    const pending = port.read(Buffer.alloc(64), 0, 64);
    await device.write(Buffer.from('IDAZE\r'));
    const { buffer, bytesRead } = await pending;
    expect(buffer.subarray(0, bytesRead).toString()).toBe('IDAZE\r');
    await port.close();
  });

  it('ends a pending read with SerialHangupError when the device goes away, instead of spinning', async () => {
    const port = await openDriverEnd();
    const outcome = port.read(Buffer.alloc(64), 0, 64).catch((error: unknown) => error);
    await pair.close();
    expect(await outcome).toBeInstanceOf(SerialHangupError);
    await port.close();
  });

  it('ends the reads with SerialHangupError when socat is killed while bytes are flowing', async () => {
    const port = await openDriverEnd();
    let reading = true;
    const reads = (async () => {
      const buffer = Buffer.alloc(256);
      for (;;) await port.read(buffer, 0, buffer.length);
    })().catch((error: unknown) => error);
    const writes = (async () => {
      while (reading) await device.write(Buffer.alloc(64, 0x55)).catch(() => undefined);
    })();
    await new Promise((resolve) => setTimeout(resolve, 30));
    process.kill(pair.pid, 'SIGKILL');
    expect(await reads).toBeInstanceOf(SerialHangupError);
    reading = false;
    await writes;
    await port.close();
  });

  it('cancels a pending read on close, again and again, without touching the destroyed poller', async () => {
    for (let i = 0; i < 20; i++) {
      const port = await openDriverEnd();
      const outcome = port.read(Buffer.alloc(64), 0, 64).catch((error: unknown) => error);
      await port.close();
      expect(await outcome).toMatchObject({ canceled: true });
    }
  });
});
