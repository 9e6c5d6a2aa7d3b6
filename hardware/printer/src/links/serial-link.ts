import { type SerialPort, openSerialPort } from '@novbe/serial';
import { PrinterDisconnectedError } from '../errors';
import { PrinterLink } from './printer-link';

export interface SerialLinkOptions {
  /** `/dev/ttyUSB0`, `/dev/ttyS0`, `COM3`, or a pty in tests. */
  readonly path: string;
  readonly baudRate?: number;
  /** Hardware flow control; most receipt printers signal "buffer full" on RTS/CTS. */
  readonly rtscts?: boolean;
}

/** A printer on a serial port (RS-232, or USB presenting as a serial port). */
export class SerialLink extends PrinterLink {
  readonly description: string;
  readonly #options: SerialLinkOptions;
  #port: SerialPort | undefined;

  constructor(options: SerialLinkOptions) {
    super();
    this.#options = options;
    this.description = `serial:${options.path}@${options.baudRate ?? 115200}`;
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    // Not serialport's default binding: on Linux it spins on a printer unplugged mid-transfer and never closes.
    const port = await openSerialPort({
      path: this.#options.path,
      baudRate: this.#options.baudRate ?? 115200,
      rtscts: this.#options.rtscts ?? false,
    }).catch((error: Error) => {
      throw new PrinterDisconnectedError(`${this.description}: ${error.message}`);
    });
    let lastError: Error | undefined;
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    port.on('error', (error) => (lastError = error));
    // A device that went away closes the port with an error whose `disconnected` is true.
    port.on('close', (error?: Error | null) => {
      if (this.#port === port) this.#port = undefined;
      this.emit('close', error ?? lastError);
    });
    this.#port = port;
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) return Promise.reject(new PrinterDisconnectedError(`${this.description}: not open`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) => {
        if (error) return reject(new PrinterDisconnectedError(`${this.description}: ${error.message}`));
        // drain: resolve once the OS has taken the bytes, so a timeout that follows measures the printer.
        port.drain((drainError) =>
          drainError
            ? reject(new PrinterDisconnectedError(`${this.description}: ${drainError.message}`))
            : resolve(),
        );
      });
    });
  }

  async close(): Promise<void> {
    const port = this.#port;
    this.#port = undefined;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
