import type { Language } from '@novbe/core';
import type { OfflineTicket, SyncResult } from '@novbe/protocol';
import type { Db } from '@novbe/store';

export type TicketMode = 'online' | 'offline';
export type TicketState = 'committed' | 'printed' | 'void' | 'uncertain';

/** A ticket as this kiosk recorded it. */
export interface JournalTicket {
  readonly id: string;
  readonly number: string;
  readonly day: string;
  readonly serviceId: string;
  readonly language: Language;
  readonly mode: TicketMode;
  readonly state: TicketState;
  readonly issuedAt: number;
  readonly priorityReason: string | null;
  readonly leaseId: string | null;
  readonly peopleAhead: number | null;
  readonly syncedAt: number | null;
}

export interface OutboxCounts {
  /** Offline tickets not yet acknowledged by the server (printed or uncertain). */
  readonly pending: number;
  /** Offline tickets the server refused; kept for the technician. */
  readonly rejected: number;
  /** Tickets the server numbered that must be cancelled there. */
  readonly cancels: number;
}

interface TicketRow {
  id: string;
  number: string;
  day: string;
  service_id: string;
  language: Language;
  mode: TicketMode;
  state: TicketState;
  issued_at: number;
  priority_reason: string | null;
  lease_id: string | null;
  people_ahead: number | null;
  synced_at: number | null;
}

const toTicket = (r: TicketRow): JournalTicket => ({
  id: r.id,
  number: r.number,
  day: r.day,
  serviceId: r.service_id,
  language: r.language,
  mode: r.mode,
  state: r.state,
  issuedAt: r.issued_at,
  priorityReason: r.priority_reason,
  leaseId: r.lease_id,
  peopleAhead: r.people_ahead,
  syncedAt: r.synced_at,
});

/**
 * The kiosk's tickets and outbox. Every write is a committed SQLite transaction before the
 * caller goes on, so what the citizen was handed survives a crash or a power cut.
 */
export class TicketJournal {
  constructor(private readonly db: Db) {}

  /** Records a ticket in state `committed` (before it prints). */
  insert(t: Omit<JournalTicket, 'state' | 'syncedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO tickets (id, number, day, service_id, language, mode, state, issued_at, priority_reason, lease_id, people_ahead)
         VALUES (?, ?, ?, ?, ?, ?, 'committed', ?, ?, ?, ?)`,
      )
      .run(
        t.id,
        t.number,
        t.day,
        t.serviceId,
        t.language,
        t.mode,
        t.issuedAt,
        t.priorityReason,
        t.leaseId,
        t.peopleAhead,
      );
  }

  /** Queues an offline ticket for the server, exactly as it will be posted. */
  enqueueSync(ticket: OfflineTicket, at: number): void {
    this.db
      .prepare("INSERT INTO outbox (ticket_id, kind, payload, created_at) VALUES (?, 'sync', ?, ?)")
      .run(ticket.id, JSON.stringify(ticket), at);
  }

  /** Queues a cancellation of a ticket the server numbered but nobody holds. */
  enqueueCancel(ticketId: string, at: number): void {
    this.db
      .prepare(
        "INSERT OR IGNORE INTO outbox (ticket_id, kind, payload, created_at) VALUES (?, 'cancel', NULL, ?)",
      )
      .run(ticketId, at);
  }

  markPrinted(id: string, at: number): void {
    this.db.prepare("UPDATE tickets SET state = 'printed', printed_at = ? WHERE id = ?").run(at, id);
  }

  /**
   * The printer refused the ticket: it is void (its number stays spent) and an offline one
   * leaves the outbox, so the server never hears of a ticket nobody holds.
   */
  markVoid(id: string, reason: string): void {
    this.db.transaction(() => {
      this.db.prepare("UPDATE tickets SET state = 'void', void_reason = ? WHERE id = ?").run(reason, id);
      this.db.prepare("DELETE FROM outbox WHERE ticket_id = ? AND kind = 'sync'").run(id);
    })();
  }

  /**
   * After a crash: tickets that were printing when the agent stopped may be in a citizen's hand.
   * They are kept (an offline one is still synced); a phantom ticket costs one no-show call,
   * a lost one costs a citizen their place. Returns how many there were.
   */
  recoverInterrupted(): number {
    return this.db.prepare("UPDATE tickets SET state = 'uncertain' WHERE state = 'committed'").run().changes;
  }

  get(id: string): JournalTicket | null {
    const row = this.db.prepare('SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
    return row ? toTicket(row) : null;
  }

  /** Tickets of a day, oldest first. */
  ofDay(day: string): JournalTicket[] {
    return (
      this.db.prepare('SELECT * FROM tickets WHERE day = ? ORDER BY issued_at, rowid').all(day) as TicketRow[]
    ).map(toTicket);
  }

  /** Offline tickets for a service issued here after `since` (and not void): the server has not seen them. */
  offlineIssuedSince(serviceId: string, since: number): number {
    const row = this.db
      .prepare(
        "SELECT count(*) AS n FROM tickets WHERE service_id = ? AND issued_at > ? AND mode = 'offline' AND state <> 'void'",
      )
      .get(serviceId, since) as { n: number };
    return row.n;
  }

  /** The next offline tickets to post: printed (or uncertain) ones only, oldest first. */
  syncBatch(limit: number): OfflineTicket[] {
    const rows = this.db
      .prepare(
        `SELECT o.payload FROM outbox o JOIN tickets t ON t.id = o.ticket_id
         WHERE o.kind = 'sync' AND o.rejected_reason IS NULL AND t.state IN ('printed', 'uncertain')
         ORDER BY o.created_at, o.rowid LIMIT ?`,
      )
      .all(limit) as { payload: string }[];
    return rows.map((r) => JSON.parse(r.payload) as OfflineTicket);
  }

  /**
   * Applies the server's answer in one transaction: accepted and duplicate (a replay whose
   * first answer was lost) leave the outbox, rejected ones stay with the reason.
   */
  applySyncResults(results: SyncResult['results'], at: number): { acknowledged: number; rejected: number } {
    const drop = this.db.prepare("DELETE FROM outbox WHERE ticket_id = ? AND kind = 'sync'");
    const synced = this.db.prepare('UPDATE tickets SET synced_at = ? WHERE id = ?');
    const reject = this.db.prepare(
      "UPDATE outbox SET rejected_reason = ?, attempts = attempts + 1 WHERE ticket_id = ? AND kind = 'sync'",
    );
    let acknowledged = 0;
    let rejected = 0;
    this.db.transaction(() => {
      for (const r of results) {
        if (r.outcome === 'rejected') {
          reject.run(r.reason ?? 'rejected', r.id);
          rejected++;
        } else {
          drop.run(r.id);
          synced.run(at, r.id);
          acknowledged++;
        }
      }
    })();
    return { acknowledged, rejected };
  }

  /** Notes a failed attempt (the server did not answer) on rows that stay queued. */
  noteAttempt(ticketIds: readonly string[], kind: 'sync' | 'cancel', error: string): void {
    const note = this.db.prepare(
      'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE ticket_id = ? AND kind = ?',
    );
    this.db.transaction(() => {
      for (const id of ticketIds) note.run(error.slice(0, 300), id, kind);
    })();
  }

  pendingCancels(): { ticketId: string; createdAt: number }[] {
    return (
      this.db
        .prepare("SELECT ticket_id, created_at FROM outbox WHERE kind = 'cancel' ORDER BY created_at")
        .all() as { ticket_id: string; created_at: number }[]
    ).map((r) => ({ ticketId: r.ticket_id, createdAt: r.created_at }));
  }

  removeCancel(ticketId: string): void {
    this.db.prepare("DELETE FROM outbox WHERE ticket_id = ? AND kind = 'cancel'").run(ticketId);
  }

  /** Rejected offline tickets with the server's reason. */
  rejected(): { ticketId: string; reason: string }[] {
    return (
      this.db
        .prepare(
          "SELECT ticket_id, rejected_reason FROM outbox WHERE kind = 'sync' AND rejected_reason IS NOT NULL",
        )
        .all() as { ticket_id: string; rejected_reason: string }[]
    ).map((r) => ({ ticketId: r.ticket_id, reason: r.rejected_reason }));
  }

  counts(): OutboxCounts {
    const row = this.db
      .prepare(
        `SELECT
           coalesce(sum(kind = 'sync' AND rejected_reason IS NULL), 0) AS pending,
           coalesce(sum(kind = 'sync' AND rejected_reason IS NOT NULL), 0) AS rejected,
           coalesce(sum(kind = 'cancel'), 0) AS cancels
         FROM outbox`,
      )
      .get() as OutboxCounts;
    return { pending: row.pending, rejected: row.rejected, cancels: row.cancels };
  }
}
