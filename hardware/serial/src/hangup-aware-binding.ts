import { read } from 'node:fs';
import { promisify } from 'node:util';

import {
  type AutoDetectTypes,
  BindingsError,
  LinuxBinding,
  type LinuxBindingInterface,
  type LinuxOpenOptions,
  type LinuxPortBinding,
  autoDetect,
} from '@serialport/bindings-cpp';

const readAsync = promisify(read);

/** A tty that returns 0 bytes has been hung up: the USB reader was unplugged or the pty's other end closed. */
export class SerialHangupError extends Error {
  override name = 'SerialHangupError';
}

/**
 * serialport's Linux binding retries a read that returns 0 bytes at once and forever
 * (serialport/bindings-cpp#162): after a USB serial reader is unplugged it spins a core, grows memory and
 * never reports the disconnect. This is the same read loop, except that 0 bytes ends it with an error,
 * which `@serialport/stream` turns into its usual `close` with a `disconnected` error.
 */
async function hangupAwareRead(this: LinuxPortBinding, buffer: Buffer, offset: number, length: number) {
  for (;;) {
    if (this.fd === null) throw new BindingsError('Port is not open', { canceled: true });
    try {
      const { bytesRead } = await readAsync(this.fd, buffer, offset, length, null);
      if (bytesRead === 0) throw new SerialHangupError('the serial device hung up');
      return { buffer, bytesRead };
    } catch (error) {
      // Closed while the read was in flight (EBADF, or EAGAIN from just before): a cancellation, and the
      // poller is destroyed, so polling it again would crash the process.
      if (this.fd === null) throw new BindingsError('Port is not open', { canceled: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw error;
      await new Promise<void>((resolve, reject) =>
        this.poller.once('readable', (pollError?: (Error & { canceled?: boolean }) | null) => {
          if (!pollError) resolve();
          // Canceled means we closed the port; any other poll error on a tty means it hung up.
          else
            reject(
              pollError.canceled
                ? pollError
                : new SerialHangupError('the serial device hung up', { cause: pollError }),
            );
        }),
      );
    }
  }
}

/** Linux binding whose ports report a hang-up instead of spinning on it. */
export const HangupAwareLinuxBinding: LinuxBindingInterface = {
  list: () => LinuxBinding.list(),
  async open(options: LinuxOpenOptions) {
    const port = await LinuxBinding.open(options);
    port.read = hangupAwareRead;
    return port;
  },
};

/** The binding for this platform, with the hang-up fix where it applies (Linux, where kiosks run). */
export function serialBinding(): AutoDetectTypes {
  return process.platform === 'linux' ? HangupAwareLinuxBinding : autoDetect();
}
