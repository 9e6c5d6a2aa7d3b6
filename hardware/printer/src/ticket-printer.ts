import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { ByteReader } from './byte-reader';
import type { CommandSet } from './command-set';
import {
  PrinterDisconnectedError,
  PrinterError,
  PrinterOutOfPaperError,
  PrinterProtocolError,
  PrinterTimeoutError,
} from './errors';
import {
  CLEAR_RESPONSE,
  DLE_DC4_CLEAR,
  DLE_EOT_ALL,
  DLE_EOT_OFFLINE_CAUSE,
  GS_R_PAPER,
  isDleEotAnswer,
  isGsrAnswer,
  offlineCause,
  paperFromGsr,
  statusFromDleEot,
} from './escpos-status';
import type { PrinterLink } from './links/printer-link';
import type { PaperWidth } from './paper';
import {
  asbLength,
  isAsbHeader,
  STAR_ASB_REQUEST,
  STAR_ETB,
  statusFromAsb,
  type StarStatus,
} from './star-status';
import { DISCONNECTED, diffStatus, errorForStatus, type PrinterStatus, type StatusChange } from './status';
import { buildTicketBytes, type TextMode } from './ticket-bytes';
import type { TicketPrintData } from './ticket-data';

/** What print() resolves with once the printer has accepted the whole ticket. */
export interface PrintReceipt {
  readonly bytes: number;
  /** From the call to the printer's confirmation. */
  readonly durationMs: number;
  /** The status read right after the ticket (e.g. `paper: 'near-end'`). */
  readonly status: PrinterStatus;
}

export interface TicketPrinterEvents {
  /** The status changed; `changes` names what (`paper-near-end`, `cover-open`, `disconnected`, …). */
  status: [PrinterStatus, StatusChange[]];
}

/** A ticket printer as the kiosk agent sees it. */
export interface TicketPrinter {
  /**
   * Prints one ticket. Resolves only after the printer confirmed it processed every byte and
   * still has paper; rejects with a named `PrinterError` otherwise (out of paper, cover open,
   * offline, cutter error, timeout, disconnected). A rejected ticket must be treated as not
   * printed: the driver also asks the printer to drop what it still holds of it.
   */
  print(ticket: TicketPrintData): Promise<PrintReceipt>;
  /** Asks the printer now (not the cached value). Never rejects: an unreachable printer is `connected: false`. */
  status(): Promise<PrinterStatus>;
  /** The last status seen by a query, a poll or a print. */
  readonly lastStatus: PrinterStatus | undefined;
  on<E extends keyof TicketPrinterEvents>(
    event: E,
    listener: (...args: TicketPrinterEvents[E]) => void,
  ): this;
  off<E extends keyof TicketPrinterEvents>(
    event: E,
    listener: (...args: TicketPrinterEvents[E]) => void,
  ): this;
  close(): Promise<void>;
}

export interface ThermalTicketPrinterOptions {
  readonly link: PrinterLink;
  readonly commandSet: CommandSet;
  readonly paperWidth: PaperWidth;
  readonly textMode?: TextMode;
  /** Status poll period; 0 turns polling off. */
  readonly pollIntervalMs?: number;
  /** Wait for one status answer. */
  readonly responseTimeoutMs?: number;
  /** Wait for the printer to process a whole ticket. */
  readonly printTimeoutMs?: number;
  /** While a ticket prints, ask this often whether the printer has stopped. */
  readonly probeIntervalMs?: number;
}

/**
 * The driver: node-thermal-printer builds the bytes (ticket-bytes.ts), a `PrinterLink` carries
 * them, and the status protocol of the command set guards both ends of every ticket.
 * EPSON: DLE EOT 1-4 before; the ticket; GS r 1, which the printer answers only once it has
 * processed everything before it; DLE EOT 2 probes meanwhile to notice a stop early.
 * STAR: ASB (ESC ACK SOH) before; the ticket; ETB, whose counter in the ASB confirms it.
 */
export class ThermalTicketPrinter extends EventEmitter<TicketPrinterEvents> implements TicketPrinter {
  readonly #link: PrinterLink;
  readonly #commandSet: CommandSet;
  readonly #paperWidth: PaperWidth;
  readonly #textMode: TextMode;
  readonly #responseTimeoutMs: number;
  readonly #printTimeoutMs: number;
  readonly #probeIntervalMs: number;
  readonly #reader = new ByteReader();
  #chain: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #last: PrinterStatus | undefined;
  #poller: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: ThermalTicketPrinterOptions) {
    super();
    this.#link = options.link;
    this.#commandSet = options.commandSet;
    this.#paperWidth = options.paperWidth;
    this.#textMode = options.textMode ?? 'auto';
    this.#responseTimeoutMs = options.responseTimeoutMs ?? 1000;
    this.#printTimeoutMs = options.printTimeoutMs ?? 30_000;
    this.#probeIntervalMs = options.probeIntervalMs ?? 150;
    this.#link.on('data', (chunk) => this.#reader.push(chunk));
    this.#link.on('close', () => {
      this.#reader.interrupt();
      this.#update(DISCONNECTED);
    });
    const poll = options.pollIntervalMs ?? 2000;
    if (poll > 0) {
      this.#poller = setInterval(() => {
        // A poll behind a print would only repeat what the print reports.
        if (this.#pending === 0) void this.status();
      }, poll);
      this.#poller.unref();
    }
  }

  get lastStatus(): PrinterStatus | undefined {
    return this.#last;
  }

  async print(ticket: TicketPrintData): Promise<PrintReceipt> {
    const started = performance.now();
    // Built before queueing: bad data fails at once, and building needs no printer.
    const { bytes } = buildTicketBytes(ticket, {
      commandSet: this.#commandSet,
      paperWidth: this.#paperWidth,
      textMode: this.#textMode,
    });
    return this.#exclusive(async () => {
      const status =
        this.#commandSet === 'epson' ? await this.#printEpson(bytes) : await this.#printStar(bytes);
      return { bytes: bytes.length, durationMs: performance.now() - started, status };
    });
  }

  status(): Promise<PrinterStatus> {
    if (this.#closed) return Promise.resolve(DISCONNECTED);
    return this.#exclusive(async () => {
      try {
        return await this.#queryStatus();
      } catch (error) {
        if (!(error instanceof PrinterError)) throw error;
        return this.#update(DISCONNECTED);
      }
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#poller);
    await this.#chain.catch(() => undefined);
    await this.#link.close();
  }

  /** One exchange at a time: answers are single bytes and would be ambiguous if interleaved. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new PrinterDisconnectedError('the printer driver is closed'));
    this.#pending++;
    const run = this.#chain.then(fn, fn);
    this.#chain = run.catch(() => undefined);
    return run.finally(() => this.#pending--);
  }

  #update(status: PrinterStatus): PrinterStatus {
    const changes = diffStatus(this.#last, status);
    this.#last = status;
    if (changes.length > 0) this.emit('status', status, changes);
    return status;
  }

  async #ensureOpen(): Promise<void> {
    if (!this.#link.isOpen) await this.#link.open();
  }

  async #send(bytes: Uint8Array): Promise<void> {
    await this.#ensureOpen();
    await this.#link.write(bytes);
  }

  /** Asks the printer for its full status and records it. */
  async #queryStatus(): Promise<PrinterStatus> {
    return this.#update(this.#commandSet === 'epson' ? await this.#queryEpson() : await this.#queryStar());
  }

  async #queryEpson(): Promise<PrinterStatus> {
    this.#reader.flush();
    await this.#send(DLE_EOT_ALL);
    const answers: number[] = [];
    const deadline = Date.now() + this.#responseTimeoutMs;
    while (answers.length < 4) {
      const b = await this.#reader.readByte(Math.max(1, deadline - Date.now()));
      if (b === undefined) throw new PrinterTimeoutError(`no status answer from ${this.#link.description}`);
      // Anything else is a late answer to an earlier query or line noise; DLE EOT answers are self-marking.
      if (isDleEotAnswer(b)) answers.push(b);
    }
    return statusFromDleEot(answers);
  }

  async #queryStar(): Promise<StarStatus> {
    this.#reader.flush();
    await this.#send(STAR_ASB_REQUEST);
    const deadline = Date.now() + this.#responseTimeoutMs;
    const next = async () => {
      const b = await this.#reader.readByte(Math.max(1, deadline - Date.now()));
      if (b === undefined) throw new PrinterTimeoutError(`no ASB from ${this.#link.description}`);
      return b;
    };
    let header = await next();
    while (!isAsbHeader(header)) header = await next();
    const asb = [header];
    const length = asbLength(header);
    if (length < 7) throw new PrinterProtocolError(`ASB of ${length} bytes is too short`);
    while (asb.length < length) asb.push(await next());
    return statusFromAsb(Uint8Array.from(asb));
  }

  /** Refuses up front when the status says the ticket cannot print. */
  #assertReady(status: PrinterStatus): void {
    const error = errorForStatus(status);
    if (error) throw error;
  }

  async #printEpson(ticket: Buffer): Promise<PrinterStatus> {
    this.#assertReady(await this.#queryStatus());
    this.#reader.flush();
    await this.#send(Buffer.concat([ticket, GS_R_PAPER]));
    const deadline = Date.now() + this.#printTimeoutMs;
    try {
      for (;;) {
        if (Date.now() > deadline)
          throw new PrinterTimeoutError(
            `the printer did not finish the ticket in ${this.#printTimeoutMs} ms`,
          );
        const b = await this.#reader.readByte(this.#probeIntervalMs);
        if (b === undefined) {
          if (!this.#link.isOpen)
            throw new PrinterDisconnectedError(`${this.#link.description} closed during the ticket`);
          // Still printing, or stopped? A real-time query is answered even by a stopped printer.
          await this.#send(DLE_EOT_OFFLINE_CAUSE);
          continue;
        }
        if (isDleEotAnswer(b)) {
          const cause = offlineCause(b);
          if (cause.coverOpen || cause.paperOut || cause.error)
            throw errorForStatus(await this.#queryStatus())!;
          continue;
        }
        if (isGsrAnswer(b)) {
          if (paperFromGsr(b) === 'out')
            throw new PrinterOutOfPaperError('the paper ran out during the ticket');
          break;
        }
      }
    } catch (error) {
      await this.#abandonEpson();
      throw error;
    }
    const after = await this.#queryStatus();
    const error = errorForStatus(after);
    // Paper out after the confirmed ticket does not undo it: it is on paper, the next one will fail.
    if (error && !(error instanceof PrinterOutOfPaperError)) throw error;
    return after;
  }

  /** Clears what the printer still holds of a refused ticket, so it cannot appear later. */
  async #abandonEpson(): Promise<void> {
    try {
      this.#reader.flush();
      await this.#send(DLE_DC4_CLEAR);
      // The answer is 37 25 00; wait for it briefly so it does not pollute the next exchange.
      let matched = 0;
      const deadline = Date.now() + this.#responseTimeoutMs;
      while (matched < CLEAR_RESPONSE.length && Date.now() < deadline) {
        const b = await this.#reader.readByte(Math.max(1, deadline - Date.now()));
        if (b === undefined) break;
        matched = b === CLEAR_RESPONSE[matched] ? matched + 1 : b === CLEAR_RESPONSE[0] ? 1 : 0;
      }
      await this.#queryStatus();
    } catch {
      // Best effort: the ticket is already reported as failed.
    }
  }

  async #printStar(ticket: Buffer): Promise<PrinterStatus> {
    const before = (await this.#queryStatus()) as StarStatus;
    this.#assertReady(before);
    if (before.etbCounter === undefined)
      throw new PrinterProtocolError('the printer ASB carries no ETB counter');
    const expected = (before.etbCounter + 1) & 0x1f;
    await this.#send(Buffer.concat([ticket, STAR_ETB]));
    const deadline = Date.now() + this.#printTimeoutMs;
    // The ASB request is real-time, so it can overtake the ticket still in the printer's buffer:
    // ask again soon, then back off to the probe interval for long tickets on slow links.
    let delay = 10;
    for (;;) {
      const status = (await this.#queryStatus()) as StarStatus;
      if (status.etbCounter === expected) {
        const error = errorForStatus(status);
        if (error && !(error instanceof PrinterOutOfPaperError)) throw error;
        return status;
      }
      const error = errorForStatus(status);
      if (error) throw error;
      if (Date.now() > deadline)
        throw new PrinterTimeoutError(`the printer did not finish the ticket in ${this.#printTimeoutMs} ms`);
      await sleep(delay);
      delay = Math.min(this.#probeIntervalMs, delay * 2);
    }
  }
}
