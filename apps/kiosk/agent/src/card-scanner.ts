import {
  CardReaderDisconnectedError,
  CardRejectedError,
  nextCard,
  type CardReader,
  type CardTransaction,
} from '@novbe/card-reader';
import { localTime } from '@novbe/core';
import type { AppointmentView, CardScan, KioskIssue } from '@novbe/protocol';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { CardReaderAbsentError, ScanNotFoundError } from './errors';

type PriorityReason = NonNullable<KioskIssue['priorityReason']>;

/** How long a read is held for its ticket when the renderer never uses or cancels it. */
export const SCAN_TTL_MS = 120_000;

/** The age from which the card alone entitles a citizen to a priority ticket. */
export const ELDERLY_AGE = 65;

/** What a held read gives the ticket: the FIN (for check-in) and the entitlement. */
export interface HeldScan {
  readonly fin: string;
  readonly entitlement: PriorityReason | null;
}

/** Whether someone born on `birthDate` (`YYYY-MM-DD`) has turned `age` by `today` (`YYYY-MM-DD`). */
export function hasTurned(birthDate: string, today: string, age: number): boolean {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const years = ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
  return years >= age;
}

/** Of a citizen's appointments today, the one the kiosk offers: one open for check-in first, else the next. */
export function pickAppointment(appointments: readonly AppointmentView[]): AppointmentView | null {
  const booked = appointments.filter((a) => a.status === 'booked' && a.window !== undefined);
  return (
    booked.find((a) => a.window === 'on-time') ??
    [...booked].sort((a, b) => a.slotAt - b.slotAt).find((a) => a.window === 'early') ??
    booked[0] ??
    null
  );
}

export interface CardScannerDeps {
  readonly reader: CardReader | null;
  readonly clock: () => number;
  readonly timeZone: () => string;
  /** Today's appointments for a FIN, or null when the server cannot be asked now. */
  readonly findAppointments: (fin: string) => Promise<AppointmentView[] | null>;
  readonly onReaderState: (state: 'ready' | 'absent') => void;
  readonly logger: Logger;
}

/**
 * The card step: waits for one card at a time, holds each read in memory under a `scanId`
 * for its ticket only (dropped after the issue, a cancel or two minutes), and tells the
 * renderer just the appointment and entitlement. Never logs card data.
 */
export class CardScanner {
  readonly #deps: CardScannerDeps;
  readonly #held = new Map<
    string,
    { transaction: CardTransaction; entitlement: PriorityReason | null; timer: NodeJS.Timeout }
  >();
  #waiting: AbortController | null = null;
  #closed = false;

  constructor(deps: CardScannerDeps) {
    this.#deps = deps;
    deps.reader?.on('error', (error) => deps.logger.warn({ error: error.name }, 'card reader fault'));
    deps.reader?.on('close', () => {
      if (!this.#closed) deps.onReaderState('absent');
    });
  }

  /** Opens the reader if there is one; a reader that fails to open is reported absent, not fatal. */
  async open(): Promise<void> {
    const reader = this.#deps.reader;
    if (!reader) return this.#deps.onReaderState('absent');
    if (reader.isOpen) return this.#deps.onReaderState('ready');
    try {
      await reader.open();
      this.#deps.onReaderState('ready');
    } catch (error) {
      this.#deps.logger.warn({ error: (error as Error).message }, 'card reader did not open');
      this.#deps.onReaderState('absent');
    }
  }

  /** Waits for a card, the timeout, or `cancel()`. A second scan cancels the first. */
  async scan(timeoutMs: number): Promise<CardScan> {
    const reader = this.#deps.reader;
    if (!reader) throw new CardReaderAbsentError('this kiosk has no card reader');
    if (!reader.isOpen) await this.open();
    if (!reader.isOpen) throw new CardReaderAbsentError('the card reader is not available');
    this.#waiting?.abort();
    const controller = new AbortController();
    this.#waiting = controller;
    // A plain timer rather than AbortSignal.any(AbortSignal.timeout()): a combined signal can
    // be collected while the wait is still pending, and the wait would then never end.
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let transaction: CardTransaction;
    try {
      transaction = await nextCard(reader, { signal: controller.signal });
    } catch (error) {
      if (error instanceof CardRejectedError) {
        this.#deps.logger.info({ reason: error.reason, field: error.field }, 'card rejected');
        return { status: 'rejected', reason: error.reason };
      }
      if (error instanceof CardReaderDisconnectedError)
        throw new CardReaderAbsentError('the card reader went away');
      if (!controller.signal.aborted) throw error;
      return { status: timedOut ? 'timeout' : 'cancelled' };
    } finally {
      clearTimeout(deadline);
      if (this.#waiting === controller) this.#waiting = null;
    }
    // The citizen may have cancelled while the read arrived: never keep it then.
    if (controller.signal.aborted) {
      transaction.drop();
      return { status: 'cancelled' };
    }
    const read = transaction.read;
    const today = localTime(this.#deps.clock(), this.#deps.timeZone()).date;
    const entitlement: PriorityReason | null = hasTurned(read.birthDate, today, ELDERLY_AGE)
      ? 'elderly'
      : null;
    const scanId = randomUUID();
    const timer = setTimeout(() => this.drop(scanId), SCAN_TTL_MS);
    timer.unref();
    this.#held.set(scanId, { transaction, entitlement, timer });
    const found = await this.#deps.findAppointments(read.fin).catch(() => null);
    const appointment = found ? pickAppointment(found) : null;
    this.#deps.logger.info({ appointment: appointment !== null, entitlement }, 'card read');
    return {
      status: 'read',
      scanId,
      appointment: appointment
        ? { serviceId: appointment.serviceId, slotAt: appointment.slotAt, window: appointment.window! }
        : null,
      entitlement,
    };
  }

  /** Ends the wait for a card (the citizen chose to skip). */
  cancel(): void {
    this.#waiting?.abort();
  }

  /** The held read for a ticket; `ScanNotFoundError` once it was used, cancelled or expired. */
  get(scanId: string): HeldScan {
    const held = this.#held.get(scanId);
    if (!held || held.transaction.dropped) throw new ScanNotFoundError();
    return { fin: held.transaction.read.fin, entitlement: held.entitlement };
  }

  /** Forgets a read. */
  drop(scanId: string): void {
    const held = this.#held.get(scanId);
    if (!held) return;
    clearTimeout(held.timer);
    held.transaction.drop();
    this.#held.delete(scanId);
  }

  /** Reads held now (for tests: that nothing lingers). */
  get heldCount(): number {
    return this.#held.size;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#waiting?.abort();
    for (const id of [...this.#held.keys()]) this.drop(id);
    await this.#deps.reader?.close();
  }
}
