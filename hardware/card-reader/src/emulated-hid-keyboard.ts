import { EventEmitter } from 'node:events';

import type { HidReportSource } from './hid-device';

/**
 * Stands in for node-hid's device object for a keyboard-wedge reader: it emits the exact report bytes
 * the reader sends. There is no /dev/uhid here, so this replaces the thin node-hid adapter only.
 */
export class EmulatedHidKeyboard extends EventEmitter implements HidReportSource {
  #closed = false;

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends reports one by one, each on its own turn of the event loop as USB interrupt transfers arrive. */
  async send(reports: readonly Uint8Array[], delayMs = 0): Promise<void> {
    for (const report of reports) {
      await new Promise((resolve) => (delayMs > 0 ? setTimeout(resolve, delayMs) : setImmediate(resolve)));
      if (this.#closed) return;
      this.emit('data', Buffer.from(report));
    }
  }

  /** What node-hid does when the device is pulled: its read loop fails with an error. */
  unplug(): void {
    this.emit('error', new Error('could not read from HID device'));
  }

  close(): void {
    this.#closed = true;
  }
}
