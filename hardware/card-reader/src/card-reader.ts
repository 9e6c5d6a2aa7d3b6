import type { EventEmitter } from 'node:events';

import type { CardTransaction } from './card-transaction';
import type { CardRejection } from './reject-reason';

export type CardReaderEvents = {
  /** A verified Azerbaijani ID card. Drop the transaction when the kiosk flow is done with it. */
  card: [transaction: CardTransaction];
  /** A read that was refused, with the reason to show the citizen ("please insert the card again"). */
  reject: [rejection: CardRejection];
  /** Transport trouble: `CardReaderDisconnectedError` when unplugged. Emitted only when someone listens. */
  error: [error: Error];
  /** The reader is closed, by `close()` or because it went away. */
  close: [];
};

/** An ID-card reader, whichever way it is attached (serial port or USB keyboard wedge). */
export interface CardReader extends EventEmitter<CardReaderEvents> {
  /** Opens the device; rejects with `CardReaderOpenError`. Can be called again after a disconnect. */
  open(): Promise<void>;
  /** Closes the device and forgets any half-received read. */
  close(): Promise<void>;
  readonly isOpen: boolean;
}
