import type { AppointmentView } from '@novbe/protocol';
import type { Db } from '@novbe/store';

/** An appointment as stored; the citizen only as a keyed hash of their FIN. */
export interface AppointmentRow {
  readonly id: string;
  readonly service_id: string;
  readonly slot_at: number;
  readonly status: AppointmentView['status'];
}

/** The appointments table. */
export class AppointmentRepository {
  constructor(private readonly db: Db) {}

  /** Places taken in each slot of a service between two instants (cancelled ones free). */
  takenPerSlot(serviceId: string, from: number, to: number): Map<number, number> {
    const rows = this.db
      .prepare(
        "SELECT slot_at, count(*) AS n FROM appointments WHERE service_id = ? AND slot_at >= ? AND slot_at < ? AND status != 'cancelled' GROUP BY slot_at",
      )
      .all(serviceId, from, to) as { slot_at: number; n: number }[];
    return new Map(rows.map((r) => [r.slot_at, r.n]));
  }

  /** Whether this citizen already holds this slot. */
  holds(finHash: string, serviceId: string, slotAt: number): boolean {
    return (
      this.db
        .prepare(
          "SELECT 1 FROM appointments WHERE fin_hash = ? AND service_id = ? AND slot_at = ? AND status = 'booked'",
        )
        .get(finHash, serviceId, slotAt) !== undefined
    );
  }

  insert(a: {
    id: string;
    serviceId: string;
    slotAt: number;
    finHash: string;
    bookedAt: number;
    bookedBy: string;
  }) {
    this.db
      .prepare(
        "INSERT INTO appointments (id, service_id, slot_at, fin_hash, status, booked_at, booked_by) VALUES (?, ?, ?, ?, 'booked', ?, ?)",
      )
      .run(a.id, a.serviceId, a.slotAt, a.finHash, a.bookedAt, a.bookedBy);
  }

  /** A citizen's booked appointments with a slot between two instants, earliest first. */
  bookedFor(finHash: string, from: number, to: number): AppointmentRow[] {
    return this.db
      .prepare(
        "SELECT id, service_id, slot_at, status FROM appointments WHERE fin_hash = ? AND status = 'booked' AND slot_at BETWEEN ? AND ? ORDER BY slot_at",
      )
      .all(finHash, from, to) as AppointmentRow[];
  }

  /** Booked appointments whose slot began before an instant. */
  bookedBefore(at: number): AppointmentRow[] {
    return this.db
      .prepare(
        "SELECT id, service_id, slot_at, status FROM appointments WHERE status = 'booked' AND slot_at < ?",
      )
      .all(at) as AppointmentRow[];
  }

  release(ids: readonly string[]): void {
    const release = this.db.prepare("UPDATE appointments SET status = 'released' WHERE id = ?");
    for (const id of ids) release.run(id);
  }

  markCheckedIn(appointmentId: string, ticketId: string): void {
    this.db
      .prepare(
        "UPDATE appointments SET status = 'checked-in', ticket_id = ? WHERE id = ? AND status = 'booked'",
      )
      .run(ticketId, appointmentId);
  }
}
