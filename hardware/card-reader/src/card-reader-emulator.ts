import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

import { type PtyPair, createPtyPair } from '@novbe/serial';

import {
  type ChunkOptions,
  type SerialReadOptions,
  encodeSerialRead,
  splitIntoChunks,
} from './serial-read-encoding';
import { type CheckDigitField, type TestCardSpec, corruptCheckDigit, generateTestCard } from './test-card';

export type CardReaderEmulatorOptions = {
  /** Where the driver's end of the pty appears; default a fresh temp dir (removed by `stop`). */
  readonly readerPath?: string;
};

export type PresentOptions = SerialReadOptions &
  ChunkOptions & {
    /** Pause between chunks, to let the driver see them as separate reads from the port. */
    readonly chunkDelayMs?: number;
  };

export type EmulatedCardOptions = TestCardSpec & {
  /** Break this check digit, as a misread would. */
  readonly badCheckDigit?: CheckDigitField;
  /** Make the card expire in January of last year (relative to `now`). */
  readonly expired?: boolean;
  readonly now?: Date;
};

/** MRZ lines for an emulated card: valid unless told to be expired or to carry a bad check digit. */
export function emulatedCardLines(options: EmulatedCardOptions = {}): readonly string[] {
  const { badCheckDigit, expired, now = new Date(), ...spec } = options;
  const card = generateTestCard(
    expired ? { ...spec, expiryDate: `${now.getUTCFullYear() - 1}-01-31` } : spec,
  );
  return badCheckDigit ? corruptCheckDigit(card.lines, badCheckDigit) : card.lines;
}

/** The emulated reader was unplugged (or stopped) and cannot send. */
export class EmulatorUnpluggedError extends Error {
  override name = 'EmulatorUnpluggedError';
}

/**
 * A serial MRZ reader on a pty pair (socat). The driver opens `path`; `presentCard` streams a card's
 * bytes as a reader would, with framing, noise, split chunks or truncation; `unplug` pulls the cable.
 */
export class CardReaderEmulator {
  readonly #pair: PtyPair;
  #device: FileHandle | null;
  #droppedBytes = 0;

  private constructor(pair: PtyPair, device: FileHandle) {
    this.#pair = pair;
    this.#device = device;
  }

  /** Starts socat and opens the device end. */
  static async start(options: CardReaderEmulatorOptions = {}): Promise<CardReaderEmulator> {
    const pair = await createPtyPair(options.readerPath ? { driverPath: options.readerPath } : {});
    // O_NOCTTY: the pty must never become this process's controlling terminal. O_NONBLOCK: when no
    // driver is reading, a real reader's bytes are lost, not queued until the emulator hangs.
    const flags = constants.O_WRONLY | constants.O_NOCTTY | constants.O_NONBLOCK;
    const device = await open(pair.devicePath, flags).catch(async (error) => {
      await pair.close();
      throw error;
    });
    return new CardReaderEmulator(pair, device);
  }

  /** The serial device path for the driver. */
  get path(): string {
    return this.#pair.driverPath;
  }

  /** socat's process id, for tests that pull the plug harder than `unplug` does. */
  get pid(): number {
    return this.#pair.pid;
  }

  get plugged(): boolean {
    return this.#pair.running;
  }

  /** Bytes thrown away because nobody read the port and the pty buffers were full. */
  get droppedBytes(): number {
    return this.#droppedBytes;
  }

  /** Streams one read of `lines` (from `emulatedCardLines` or `generateTestCard`); resolves after the last byte is written. */
  async presentCard(lines: readonly string[], options: PresentOptions = {}): Promise<void> {
    await this.send(encodeSerialRead(lines, options), options);
  }

  /** Writes raw bytes, split and paced as asked. */
  async send(
    bytes: Uint8Array,
    options: ChunkOptions & { readonly chunkDelayMs?: number } = {},
  ): Promise<void> {
    const chunks = splitIntoChunks(bytes, options);
    for (const [i, chunk] of chunks.entries()) {
      if (!this.#device) throw new EmulatorUnpluggedError('the emulated reader is unplugged');
      await this.#writeOrDrop(this.#device, chunk);
      if (options.chunkDelayMs && i < chunks.length - 1) await sleep(options.chunkDelayMs);
    }
  }

  async #writeOrDrop(device: FileHandle, chunk: Buffer): Promise<void> {
    let written = 0;
    while (written < chunk.length) {
      try {
        written += (await device.write(chunk, written)).bytesWritten;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        this.#droppedBytes += chunk.length - written;
        return;
      }
    }
  }

  /** Pulls the cable: socat stops, both pty ends disappear, the driver's port closes. */
  async unplug(): Promise<void> {
    // socat first: closing the pty fails any write still in flight, which close() would wait for.
    await this.#pair.close();
    await this.#closeDevice();
  }

  /** Stops socat and removes its temp dir. */
  async stop(): Promise<void> {
    await this.unplug();
  }

  async #closeDevice(): Promise<void> {
    const device = this.#device;
    this.#device = null;
    await device?.close().catch(() => undefined);
  }
}
