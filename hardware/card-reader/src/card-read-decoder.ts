import { EventEmitter } from 'node:events';

import { CardTransaction } from './card-transaction';
import { type CardReaderLogger, silentLogger } from './logger';
import { MrzLineFramer } from './mrz-line-framer';
import { MrzReadAssembler } from './mrz-read-assembler';
import { type CardParseResult, parseIdCardMrz } from './parse-id-card';
import { CardRejectReason, type CardRejection } from './reject-reason';

export type CardDecoderOptions = {
  /** Clock for the expiry check; default the system clock. */
  readonly now?: () => Date;
  /** The center's time zone for the expiry day; default Asia/Baku. */
  readonly timeZone?: string;
  /** Issuing states accepted; default only AZE. */
  readonly issuingStates?: readonly string[];
  /** Silence after which a read that has begun is abandoned as partial. Default 1000 ms. */
  readonly interLineTimeoutMs?: number;
  /** How long a transaction keeps a read that the kiosk never dropped. Default 2 minutes. */
  readonly transactionTtlMs?: number;
  readonly logger?: CardReaderLogger;
};

export type CardDecoderEvents = {
  card: [transaction: CardTransaction];
  reject: [rejection: CardRejection];
};

const DEFAULT_INTER_LINE_TIMEOUT_MS = 1000;
/** Longer than any MRZ read with framing and noise; beyond it a reader is streaming garbage without line ends. */
const MAX_UNTERMINATED = 512;

/**
 * Turns a reader's characters (serial bytes, or text typed by a keyboard wedge) into card reads:
 * framer → assembler → MRZ parser, with an idle timeout that abandons a half-finished read.
 * Emits `card` with a `CardTransaction`, or `reject` with a reason. Keeps nothing once a read is out.
 */
export class CardReadDecoder extends EventEmitter<CardDecoderEvents> {
  readonly #options: CardDecoderOptions;
  readonly #logger: CardReaderLogger;
  readonly #framer = new MrzLineFramer();
  readonly #assembler = new MrzReadAssembler();
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(options: CardDecoderOptions = {}) {
    super();
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.#framer.on('data', (line: Buffer | string) => {
      try {
        this.#onLine(String(line));
      } catch (error) {
        // Parsing never throws by design; if it ever does, a bad read must not take the kiosk down.
        this.#logger.warn({ error: (error as Error).name }, 'card decoder failed');
        this.#assembler.reset();
        this.#reject({ reason: CardRejectReason.Garbled, message: 'the read could not be decoded' });
      }
    });
  }

  /** Feeds the next chunk exactly as it came from the reader. */
  feed(chunk: Uint8Array | string): void {
    this.#framer.write(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
    if (this.#framer.pendingLength > MAX_UNTERMINATED) {
      this.#framer.discardPending();
      this.#assembler.reset();
      this.#reject({
        reason: CardRejectReason.Garbled,
        message: 'the reader sent a long stream without line ends',
      });
    }
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(
      () => this.#onIdle(),
      this.#options.interLineTimeoutMs ?? DEFAULT_INTER_LINE_TIMEOUT_MS,
    );
    this.#idleTimer.unref();
  }

  /** Forgets any half-received read without reporting it (e.g. when the reader is closed). */
  reset(): void {
    clearTimeout(this.#idleTimer);
    this.#framer.discardPending();
    this.#assembler.reset();
  }

  /** Stops the timer and the framer; the decoder is not used again. */
  dispose(): void {
    this.reset();
    this.#framer.destroy();
    this.removeAllListeners();
  }

  #onLine(line: string): void {
    for (const event of this.#assembler.pushLine(line)) {
      if (event.kind === 'reject') {
        this.#reject(event.rejection);
        continue;
      }
      const result = parseIdCardMrz(event.lines, {
        now: (this.#options.now ?? (() => new Date()))(),
        ...(this.#options.timeZone && { timeZone: this.#options.timeZone }),
        ...(this.#options.issuingStates && { issuingStates: this.#options.issuingStates }),
      });
      this.#deliver(result);
    }
  }

  #onIdle(): void {
    const rejection = this.#assembler.abandon(this.#framer.hasPendingMrzText());
    this.#framer.discardPending();
    if (rejection) this.#reject(rejection);
  }

  #deliver(result: CardParseResult): void {
    if (!result.ok) {
      this.#reject(result.error);
      return;
    }
    this.#logger.info({}, 'card read accepted');
    const ttl = this.#options.transactionTtlMs;
    this.emit('card', new CardTransaction(result.value, ttl === undefined ? {} : { ttlMs: ttl }));
  }

  #reject(rejection: CardRejection): void {
    this.#logger.warn({ reason: rejection.reason, field: rejection.field }, 'card read rejected');
    this.emit('reject', rejection);
  }
}
