import { type PtyPair as SharedPtyPair, createPtyPair } from '@novbe/serial';

/** The card reader's name for `@novbe/serial`'s pty pair: `readerPath` is the driver's end. */
export type PtyPair = {
  /** The end a driver opens, as it would open /dev/ttyUSB0. */
  readonly readerPath: string;
  /** The end the emulator writes the device's bytes to. */
  readonly devicePath: string;
  readonly pid: number;
  /** True until socat exits (closed, killed or crashed). */
  readonly running: boolean;
  /** Stops socat; both ends vanish, as when the device is unplugged. */
  close(): Promise<void>;
};

/**
 * A socat pty pair linked at the two paths given.
 * @deprecated Use `createPtyPair({ driverPath, devicePath })` from `@novbe/serial`; kept for existing callers.
 */
export async function openPtyPair(
  readerPath: string,
  devicePath: string,
  timeoutMs = 5000,
): Promise<PtyPair> {
  const pair: SharedPtyPair = await createPtyPair({ driverPath: readerPath, devicePath, timeoutMs });
  return {
    readerPath,
    devicePath,
    pid: pair.pid,
    get running() {
      return pair.running;
    },
    close: () => pair.close(),
  };
}
