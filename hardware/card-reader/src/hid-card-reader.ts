import { EventEmitter } from 'node:events';

import { CardReadDecoder, type CardDecoderOptions } from './card-read-decoder';
import type { CardReader, CardReaderEvents } from './card-reader';
import { CardReaderDisconnectedError, CardReaderOpenError, HidReportError } from './errors';
import { type HidDeviceSelector, type HidReportSource, openHidDevice } from './hid-device';
import { HidKeyboardDecoder } from './hid-keyboard-decoder';
import { silentLogger } from './logger';

export type HidCardReaderOptions = CardDecoderOptions & {
  /** Which device to open with node-hid, by vendor/product id or hidraw path. */
  readonly device: HidDeviceSelector;
  /** Replaces node-hid, e.g. with the emulator's keyboard; default `openHidDevice`. */
  readonly openDevice?: (selector: HidDeviceSelector) => Promise<HidReportSource>;
};

/**
 * A keyboard-wedge MRZ reader opened directly as a HID device, so its keystrokes reach us and not
 * whatever window has focus. Reports → characters → the same decoder as the serial reader.
 */
export class HidCardReader extends EventEmitter<CardReaderEvents> implements CardReader {
  readonly #options: HidCardReaderOptions;
  readonly #decoder: CardReadDecoder;
  readonly #keyboard = new HidKeyboardDecoder();
  #device: HidReportSource | null = null;

  constructor(options: HidCardReaderOptions) {
    super();
    this.#options = options;
    this.#decoder = new CardReadDecoder(options);
    this.#decoder.on('card', (transaction) => this.emit('card', transaction));
    this.#decoder.on('reject', (rejection) => this.emit('reject', rejection));
  }

  get isOpen(): boolean {
    return this.#device !== null;
  }

  async open(): Promise<void> {
    if (this.#device) throw new CardReaderOpenError('the HID card reader is already open');
    const device = await (this.#options.openDevice ?? openHidDevice)(this.#options.device);
    this.#device = device;
    this.#keyboard.reset();
    this.#decoder.reset();
    device.on('data', (report) => {
      if (this.#device !== device) return;
      try {
        const text = this.#keyboard.decode(report);
        if (text !== '') this.#decoder.feed(text);
      } catch (error) {
        if (!(error instanceof HidReportError)) throw error;
        this.#fault(error);
      }
    });
    // node-hid reports an unplugged device as an 'error' on the read loop.
    device.on('error', (error) => {
      if (this.#device !== device) return;
      this.#device = null;
      this.#decoder.reset();
      this.#fault(new CardReaderDisconnectedError(`the HID card reader went away: ${error.message}`));
      void Promise.resolve()
        .then(() => device.close())
        .catch(() => undefined);
      this.emit('close');
    });
  }

  async close(): Promise<void> {
    const device = this.#device;
    if (!device) return;
    this.#device = null;
    this.#decoder.reset();
    await Promise.resolve()
      .then(() => device.close())
      .catch(() => undefined);
    this.emit('close');
  }

  /** Node throws on an unheard 'error'; a kiosk must not die because a reader was unplugged. */
  #fault(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
    else (this.#options.logger ?? silentLogger).warn({ error: error.name }, 'card reader fault');
  }
}
