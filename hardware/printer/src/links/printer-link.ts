import { EventEmitter } from 'node:events';

export interface PrinterLinkEvents {
  /** Bytes the printer sent. */
  data: [Buffer];
  /** The link went down (cable pulled, printer powered off, socket reset). */
  close: [Error | undefined];
}

/**
 * A two-way byte pipe to a printer. node-thermal-printer's own interfaces write a job and hang
 * up, which leaves no way to read status; a link stays open and carries the answers back.
 */
export abstract class PrinterLink extends EventEmitter<PrinterLinkEvents> {
  /** For logs: `tcp://10.0.0.5:9100`, `serial:/dev/ttyUSB0@115200`, `file:/dev/usb/lp0`. */
  abstract readonly description: string;
  abstract get isOpen(): boolean;
  /** Opens the link; throws `PrinterDisconnectedError` when the printer cannot be reached. */
  abstract open(): Promise<void>;
  /** Resolves when the bytes are handed to the OS; throws `PrinterDisconnectedError` if the link is down. */
  abstract write(bytes: Uint8Array): Promise<void>;
  abstract close(): Promise<void>;
}
