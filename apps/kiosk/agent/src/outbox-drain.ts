import { ProtocolError, ReasonCode, type CenterClient, type OfflineTicket } from '@novbe/protocol';
import type { Logger } from 'pino';
import { isUnreachable, type LinkMonitor } from './link-monitor';
import type { TicketJournal } from './ticket-journal';

/** The server takes at most this many tickets per sync request here (its limit is 500). */
export const SYNC_BATCH = 100;

/** A cancel answered "no such ticket" this soon may have overtaken its issue; it is retried. */
const CANCEL_GRACE_MS = 30_000;

export interface DrainResult {
  readonly acknowledged: number;
  readonly rejected: number;
  readonly cancelled: number;
  /** The server stopped answering part-way; the rest waits for the next drain. */
  readonly interrupted: boolean;
}

/**
 * Posts the outbox to the server. One drain at a time; each ticket leaves the outbox only
 * when the server acknowledged it (`accepted`, or `duplicate` when an earlier answer was lost),
 * so every offline ticket reaches the server exactly once whatever fails in between.
 */
export class OutboxDrain {
  #running: Promise<DrainResult> | null = null;

  constructor(
    private readonly deps: {
      readonly journal: TicketJournal;
      readonly link: LinkMonitor;
      readonly client: () => CenterClient | null;
      readonly clock: () => number;
      readonly logger: Logger;
      readonly onChange: () => void;
    },
  ) {}

  /** Drains now, or joins the drain already running. */
  drain(): Promise<DrainResult> {
    this.#running ??= this.#drain().finally(() => (this.#running = null));
    return this.#running;
  }

  /** Resolves once no drain is running (for a clean close). */
  async settled(): Promise<void> {
    await this.#running?.catch(() => undefined);
  }

  async #drain(): Promise<DrainResult> {
    const { journal, link, logger } = this.deps;
    const client = this.deps.client();
    let acknowledged = 0;
    let rejected = 0;
    let cancelled = 0;
    if (!client) return { acknowledged, rejected, cancelled, interrupted: false };
    try {
      for (
        let batch = journal.syncBatch(SYNC_BATCH);
        batch.length > 0;
        batch = journal.syncBatch(SYNC_BATCH)
      ) {
        const r = await this.#post(client, batch);
        acknowledged += r.acknowledged;
        rejected += r.rejected;
        this.deps.onChange();
        if (r.acknowledged + r.rejected === 0) break;
      }
      for (const { ticketId, createdAt } of journal.pendingCancels()) {
        if (await this.#cancel(client, ticketId, createdAt)) cancelled++;
      }
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      link.failed(error);
      return { acknowledged, rejected, cancelled, interrupted: true };
    }
    if (acknowledged || rejected || cancelled)
      logger.info({ acknowledged, rejected, cancelled }, 'outbox drained');
    return { acknowledged, rejected, cancelled, interrupted: false };
  }

  async #post(
    client: CenterClient,
    batch: OfflineTicket[],
  ): Promise<{ acknowledged: number; rejected: number }> {
    const { journal, link, logger } = this.deps;
    try {
      const { results } = await client.syncTickets({ body: { tickets: batch } });
      link.succeeded();
      for (const r of results)
        if (r.outcome === 'rejected')
          logger.warn({ ticketId: r.id, reason: r.reason }, 'the server rejected an offline ticket');
      return journal.applySyncResults(results, this.deps.clock());
    } catch (error) {
      journal.noteAttempt(
        batch.map((t) => t.id),
        'sync',
        (error as Error).message,
      );
      // A request the server refused as a whole (it should never happen: each row was checked
      // before it was queued) must not block the rest: send the tickets one by one.
      if (error instanceof ProtocolError && error.status === 400 && batch.length > 1) {
        let acknowledged = 0;
        let rejected = 0;
        for (const t of batch) {
          const r = await this.#post(client, [t]);
          acknowledged += r.acknowledged;
          rejected += r.rejected;
        }
        return { acknowledged, rejected };
      }
      if (error instanceof ProtocolError && error.status === 400)
        return journal.applySyncResults(
          [{ id: batch[0]!.id, outcome: 'rejected', reason: error.message }],
          this.deps.clock(),
        );
      throw error;
    }
  }

  /** True when the cancel is settled (done, or nothing left to cancel). */
  async #cancel(client: CenterClient, ticketId: string, createdAt: number): Promise<boolean> {
    const { journal, link } = this.deps;
    try {
      await client.cancelTicket({ params: { id: ticketId } });
      link.succeeded();
    } catch (error) {
      if (!(error instanceof ProtocolError) || error.status === undefined) throw error;
      link.succeeded();
      const unknown = error.code === ReasonCode.UnknownEntity || error.code === ReasonCode.NotFound;
      if (unknown && this.deps.clock() - createdAt < CANCEL_GRACE_MS) return false;
      // Unknown (the request never arrived) or no longer cancellable (already called): settled.
      if (!unknown && error.code !== ReasonCode.IllegalTransition) {
        journal.noteAttempt([ticketId], 'cancel', error.message);
        return false;
      }
    }
    journal.removeCancel(ticketId);
    return true;
  }
}
