import { EventEmitter } from 'node:events';

import { type SerialPort, openSerialPort } from '@novbe/serial';

import { CardReadDecoder, type CardDecoderOptions } from './card-read-decoder';
import type { CardReader, CardReaderEvents } from './card-reader';
import { CardReaderDisconnectedError, CardReaderOpenError } from './errors';
import { silentLogger } from './logger';

export type SerialCardReaderOptions = CardDecoderOptions & {
  /** Device path, e.g. /dev/ttyUSB0 or /dev/ttyACM0. */
  readonly path: string;
  /** Most OCR-B MRZ readers ship at 9600 8N1. */
  readonly baudRate?: number;
};

/** A serial (RS-232 / USB CDC) MRZ reader: ASCII lines with CR/LF, optionally STX/ETX framing. */
export class SerialCardReader extends EventEmitter<CardReaderEvents> implements CardReader {
  readonly #options: SerialCardReaderOptions;
  readonly #decoder: CardReadDecoder;
  #port: SerialPort | null = null;

  constructor(options: SerialCardReaderOptions) {
    super();
    this.#options = options;
    this.#decoder = new CardReadDecoder(options);
    this.#decoder.on('card', (transaction) => this.emit('card', transaction));
    this.#decoder.on('reject', (rejection) => this.emit('reject', rejection));
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.#port) throw new CardReaderOpenError(`${this.#options.path} is already open`);
    // serialport's own binding would spin on an unplugged reader and never close; this one reports it.
    const port = await openSerialPort({
      path: this.#options.path,
      baudRate: this.#options.baudRate ?? 9600,
    }).catch((error: Error) => {
      throw new CardReaderOpenError(`cannot open ${this.#options.path}: ${error.message}`);
    });
    // Bytes queued before we opened (a card shown while the kiosk was starting) belong to nobody.
    await new Promise<void>((resolve) => port.flush(() => resolve()));
    this.#port = port;
    this.#decoder.reset();
    port.on('data', (chunk: Buffer) => this.#decoder.feed(chunk));
    port.on('error', (error: Error) => this.#fault(error));
    port.on('close', (error?: Error & { disconnected?: boolean }) => {
      if (this.#port !== port) return;
      this.#port = null;
      this.#decoder.reset();
      if (error?.disconnected)
        this.#fault(new CardReaderDisconnectedError(`${this.#options.path} went away`));
      this.emit('close');
    });
  }

  async close(): Promise<void> {
    const port = this.#port;
    if (!port) return;
    this.#port = null;
    this.#decoder.reset();
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.emit('close');
  }

  /** Node throws on an unheard 'error'; a kiosk must not die because a reader was unplugged. */
  #fault(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
    else (this.#options.logger ?? silentLogger).warn({ error: error.name }, 'card reader fault');
  }
}
