import { inspect } from 'node:util';

import { CardReadDroppedError } from './errors';
import type { IdCardRead } from './id-card-read';

export type CardTransactionOptions = {
  /** Drop the read by itself after this long, in case the kiosk flow forgets to. Default 2 minutes. */
  readonly ttlMs?: number;
};

const DEFAULT_TTL_MS = 120_000;

/**
 * Holds one card read for one kiosk transaction. `drop()` releases it; after that `read` throws. It prints
 * and serialises as redacted, so passing it to a logger or JSON.stringify never leaks the FIN or names.
 * (JavaScript strings cannot be wiped; dropping the only reference is the most we can do.)
 */
export class CardTransaction {
  #read: IdCardRead | null;
  #timer: NodeJS.Timeout | undefined;

  constructor(read: IdCardRead, options: CardTransactionOptions = {}) {
    this.#read = read;
    this.#timer = setTimeout(() => this.drop(), options.ttlMs ?? DEFAULT_TTL_MS);
    this.#timer.unref();
  }

  /** The card data; throws `CardReadDroppedError` once the transaction has ended. */
  get read(): IdCardRead {
    if (this.#read === null) throw new CardReadDroppedError();
    return this.#read;
  }

  get dropped(): boolean {
    return this.#read === null;
  }

  /** Ends the transaction: forget the read. Safe to call more than once. */
  drop(): void {
    this.#read = null;
    clearTimeout(this.#timer);
  }

  toJSON(): { cardRead: 'redacted' | 'dropped' } {
    return { cardRead: this.dropped ? 'dropped' : 'redacted' };
  }

  toString(): string {
    return `CardTransaction [${this.dropped ? 'dropped' : 'redacted'}]`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
