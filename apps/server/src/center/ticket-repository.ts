import type { TicketView } from '@novbe/protocol';
import type { Db } from '@novbe/store';

/** One row of the tickets projection, as `upsert` writes it. */
export interface TicketRow extends TicketView {
  readonly firstCalledAt: number | null;
  readonly endedAt: number | null;
  readonly kioskId: string | null;
  /** The event that issued the ticket (kept from the first write). */
  readonly seq: number;
}

interface StoredRow {
  number: string;
  day: string;
  service_id: string;
  hall_id: string;
  language: TicketView['language'];
  priority: TicketView['priority'];
  status: TicketView['status'];
  issued_at: number;
  appointment_at: number | null;
  counter_id: string | null;
  offline: number;
}

/**
 * The SQL of the tickets projection (every ticket ever issued, kept in step with the event
 * log) and of the ids kiosks cancelled before the server saw them.
 */
export class TicketRepository {
  readonly #upsert;
  readonly #byId;
  readonly #byNumber;
  readonly #issuer;
  readonly #cancelled;
  readonly #rememberCancelled;

  constructor(db: Db) {
    this.#upsert = db.prepare(`
      INSERT INTO tickets (id, number, day, service_id, hall_id, language, priority, status, issued_at,
        appointment_at, first_called_at, counter_id, ended_at, kiosk_id, offline, issued_seq)
      VALUES (@id, @number, @day, @serviceId, @hallId, @language, @priority, @status, @issuedAt,
        @appointmentAt, @firstCalledAt, @counterId, @endedAt, @kioskId, @offline, @seq)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, service_id = excluded.service_id,
        first_called_at = excluded.first_called_at, counter_id = excluded.counter_id, ended_at = excluded.ended_at`);
    this.#byId = db.prepare('SELECT * FROM tickets WHERE id = ?');
    this.#byNumber = db.prepare('SELECT id FROM tickets WHERE day = ? AND number = ?');
    this.#issuer = db.prepare('SELECT kiosk_id FROM tickets WHERE id = ?');
    this.#cancelled = db.prepare('SELECT 1 FROM cancelled_ids WHERE id = ?');
    this.#rememberCancelled = db.prepare(
      'INSERT OR IGNORE INTO cancelled_ids (id, kiosk_id, at) VALUES (?, ?, ?)',
    );
  }

  /** Writes a ticket's current state; call in the transaction of the event that changed it. */
  upsert(row: TicketRow): void {
    this.#upsert.run({ ...row, offline: row.offline ? 1 : 0 });
  }

  /** A ticket of any day as the projection last recorded it, or null. */
  byId(id: string): TicketView | null {
    const row = this.#byId.get(id) as StoredRow | undefined;
    if (!row) return null;
    return {
      id,
      number: row.number,
      day: row.day,
      serviceId: row.service_id,
      hallId: row.hall_id,
      language: row.language,
      priority: row.priority,
      status: row.status,
      issuedAt: row.issued_at,
      appointmentAt: row.appointment_at ?? null,
      counterId: row.counter_id ?? null,
      offline: row.offline === 1,
    };
  }

  /** Whether a ticket with this id was ever issued. */
  has(id: string): boolean {
    return this.#byId.get(id) !== undefined;
  }

  /** The kiosk that issued a ticket: null when no kiosk did, undefined for an id never issued. */
  issuedBy(id: string): string | null | undefined {
    const row = this.#issuer.get(id) as { kiosk_id: string | null } | undefined;
    return row?.kiosk_id;
  }

  /** Whether a display number is taken on a center day. */
  numberTaken(day: string, number: string): boolean {
    return this.#byNumber.get(day, number) !== undefined;
  }

  /** Whether a kiosk cancelled this id before the server saw it. */
  wasCancelledUnseen(id: string): boolean {
    return this.#cancelled.get(id) !== undefined;
  }

  /** Remembers an id a kiosk cancelled before the server saw it, so it can never be issued. */
  rememberCancelledUnseen(id: string, kioskId: string, at: number): void {
    this.#rememberCancelled.run(id, kioskId, at);
  }
}
