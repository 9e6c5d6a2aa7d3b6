import { Socket } from 'node:net';
import { PrinterDisconnectedError } from '../errors';
import { PrinterLink } from './printer-link';

export interface TcpLinkOptions {
  readonly host: string;
  /** Raw printing port; 9100 on practically every LAN receipt printer. */
  readonly port?: number;
  readonly connectTimeoutMs?: number;
}

/** A printer on the LAN, raw TCP ("JetDirect", port 9100), kept connected between tickets. */
export class TcpLink extends PrinterLink {
  readonly description: string;
  readonly #host: string;
  readonly #port: number;
  readonly #connectTimeoutMs: number;
  #socket: Socket | undefined;

  constructor(options: TcpLinkOptions) {
    super();
    this.#host = options.host;
    this.#port = options.port ?? 9100;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    this.description = `tcp://${this.#host}:${this.#port}`;
  }

  get isOpen(): boolean {
    return this.#socket !== undefined && !this.#socket.destroyed && this.#socket.readyState === 'open';
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const socket = new Socket();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new PrinterDisconnectedError(
            `${this.description}: no connection within ${this.#connectTimeoutMs} ms`,
          ),
        );
      }, this.#connectTimeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new PrinterDisconnectedError(`${this.description}: ${error.message}`));
      });
      socket.connect(this.#port, this.#host, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    socket.removeAllListeners('error');
    socket.setNoDelay(true);
    // Keep-alive notices a printer that vanished from the LAN while idle.
    socket.setKeepAlive(true, 5000);
    let lastError: Error | undefined;
    socket.on('data', (chunk) => this.emit('data', chunk));
    socket.on('error', (error) => (lastError = error));
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = undefined;
      this.emit('close', lastError);
    });
    this.#socket = socket;
  }

  write(bytes: Uint8Array): Promise<void> {
    const socket = this.#socket;
    if (!socket || !this.isOpen)
      return Promise.reject(new PrinterDisconnectedError(`${this.description}: not connected`));
    return new Promise((resolve, reject) => {
      socket.write(bytes, (error) =>
        error ? reject(new PrinterDisconnectedError(`${this.description}: ${error.message}`)) : resolve(),
      );
    });
  }

  async close(): Promise<void> {
    const socket = this.#socket;
    this.#socket = undefined;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 200).unref();
    });
  }
}
