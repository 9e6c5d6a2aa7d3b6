import { constants, type promises as fsp } from 'node:fs';
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrinterDisconnectedError } from '../errors';
import { PrinterLink } from './printer-link';

export interface DeviceFileLinkOptions {
  /** A printer device file: `/dev/usb/lp0` (Linux usblp), or a pty in tests. */
  readonly path: string;
  /** How often to look for bytes from the printer. */
  readonly pollMs?: number;
  /** Give up a write the device keeps refusing (EAGAIN) after this long. */
  readonly writeTimeoutMs?: number;
}

const isAgain = (error: unknown) => (error as NodeJS.ErrnoException).code === 'EAGAIN';

/**
 * A USB printer through the kernel's usblp driver. The device file is opened non-blocking:
 * a blocking read would pin a libuv thread until the printer spoke, so reads are polled and a
 * busy device (EAGAIN) is retried, both without holding a thread.
 */
export class DeviceFileLink extends PrinterLink {
  readonly description: string;
  readonly #path: string;
  readonly #pollMs: number;
  readonly #writeTimeoutMs: number;
  #file: fsp.FileHandle | undefined;
  #reading: Promise<void> | undefined;

  constructor(options: DeviceFileLinkOptions) {
    super();
    this.#path = options.path;
    this.#pollMs = options.pollMs ?? 10;
    this.#writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
    this.description = `file:${options.path}`;
  }

  get isOpen(): boolean {
    return this.#file !== undefined;
  }

  async open(): Promise<void> {
    if (this.#file) return;
    try {
      this.#file = await open(this.#path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (error) {
      throw new PrinterDisconnectedError(`${this.description}: ${(error as Error).message}`);
    }
    this.#reading = this.#readLoop(this.#file);
  }

  async #readLoop(file: fsp.FileHandle): Promise<void> {
    const buffer = Buffer.alloc(256);
    while (this.#file === file) {
      try {
        const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
        if (bytesRead > 0) {
          this.emit('data', Buffer.from(buffer.subarray(0, bytesRead)));
          continue;
        }
      } catch (error) {
        if (!isAgain(error)) {
          if (this.#file === file) this.#lost(error as Error);
          return;
        }
      }
      await sleep(this.#pollMs);
    }
  }

  #lost(error: Error): void {
    const file = this.#file;
    this.#file = undefined;
    void file?.close().catch(() => undefined);
    this.emit('close', error);
  }

  async write(bytes: Uint8Array): Promise<void> {
    const file = this.#file;
    if (!file) throw new PrinterDisconnectedError(`${this.description}: not open`);
    const deadline = Date.now() + this.#writeTimeoutMs;
    let offset = 0;
    while (offset < bytes.length) {
      try {
        const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset, null);
        offset += bytesWritten;
      } catch (error) {
        if (!isAgain(error)) {
          this.#lost(error as Error);
          throw new PrinterDisconnectedError(`${this.description}: ${(error as Error).message}`);
        }
        if (Date.now() > deadline) {
          throw new PrinterDisconnectedError(
            `${this.description}: device refused data for ${this.#writeTimeoutMs} ms`,
          );
        }
        await sleep(this.#pollMs);
      }
    }
  }

  async close(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    await this.#reading;
    this.#reading = undefined;
    await file?.close().catch(() => undefined);
  }
}
