import { join } from 'node:path';

import { createPtyPair as createSharedPtyPair, PtyPairError } from '@novbe/serial';

/** The printer's earlier name for `@novbe/serial`'s `PtyPairError` (socat missing or failing). */
export { PtyPairError as PtyUnavailableError };

/** The printer's view of a pty pair: `devicePath` is what a driver opens, as /dev/usb/lp0. */
export interface PtyPair {
  /** The end the emulator opens. */
  readonly emulatorPath: string;
  /** The end a driver opens, as it would open /dev/ttyUSB0 or /dev/usb/lp0. */
  readonly devicePath: string;
  close(): Promise<void>;
}

/**
 * A socat pty pair, optionally linked in `dir`.
 * @deprecated Use `createPtyPair` from `@novbe/serial` (its `driverPath` is this `devicePath`); kept for existing callers.
 */
export async function createPtyPair(
  options: { readonly dir?: string; readonly timeoutMs?: number } = {},
): Promise<PtyPair> {
  const pair = await createSharedPtyPair({
    ...(options.dir && {
      driverPath: join(options.dir, 'device'),
      devicePath: join(options.dir, 'emulator'),
    }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  return { emulatorPath: pair.devicePath, devicePath: pair.driverPath, close: () => pair.close() };
}
