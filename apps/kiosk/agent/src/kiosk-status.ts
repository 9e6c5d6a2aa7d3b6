import type { PrinterStatus } from '@novbe/printer';
import type { KioskStatus, OutOfServiceReason } from '@novbe/protocol';
import { EventEmitter } from 'node:events';
import type { LinkState } from './link-monitor';

/** The kiosk's view of its printer, from the driver's status. */
export function printerState(status: PrinterStatus | undefined): KioskStatus['printer'] {
  if (!status || !status.connected) return 'offline';
  if (status.coverOpen) return 'cover-open';
  if (status.paper === 'out') return 'paper-out';
  if (status.cutterError || status.fault) return 'error';
  if (!status.online) return 'offline';
  return status.paper === 'near-end' ? 'paper-near-end' : 'ready';
}

function printerReason(printer: KioskStatus['printer']): OutOfServiceReason | null {
  switch (printer) {
    case 'ready':
    case 'paper-near-end':
      return null;
    case 'paper-out':
      return 'paper-out';
    case 'cover-open':
      return 'cover-open';
    case 'offline':
      return 'printer-offline';
    case 'error':
      return 'printer-error';
  }
}

export interface StatusInputs {
  printer: PrinterStatus | undefined;
  link: LinkState;
  /** Paired, with a token the server has not refused. */
  paired: boolean;
  /** A center configuration is cached. */
  configured: boolean;
  cardReader: KioskStatus['cardReader'];
  outbox: number;
}

/**
 * Derives `KioskStatus` from its inputs and emits `change` only when the result differs.
 * Offline capacity never runs out (the `K<n>` prefix always works), so `no-capacity` is never
 * reported; a kiosk that is not paired or has no configuration is `not-configured`.
 */
export class KioskStatusTracker extends EventEmitter<{ change: [KioskStatus] }> {
  #inputs: StatusInputs;
  #current: KioskStatus;

  constructor(inputs: StatusInputs) {
    super();
    this.#inputs = inputs;
    this.#current = this.#derive();
  }

  get current(): KioskStatus {
    return this.#current;
  }

  get inputs(): Readonly<StatusInputs> {
    return this.#inputs;
  }

  update(patch: Partial<StatusInputs>): void {
    this.#inputs = { ...this.#inputs, ...patch };
    const next = this.#derive();
    if (JSON.stringify(next) === JSON.stringify(this.#current)) return;
    this.#current = next;
    this.emit('change', next);
  }

  #derive(): KioskStatus {
    const i = this.#inputs;
    const printer = printerState(i.printer);
    const reason: OutOfServiceReason | null =
      !i.paired || !i.configured ? 'not-configured' : printerReason(printer);
    return {
      inService: reason === null,
      reason,
      link: i.link,
      printer,
      cardReader: i.cardReader,
      outbox: i.outbox,
    };
  }
}
