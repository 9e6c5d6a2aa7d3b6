import { formatTicketNumber, kioskFallbackPrefix, LeasePool, type NumberLease } from '@novbe/core';
import type { Db } from '@novbe/store';

/** A number for an offline ticket, and where it came from. */
export interface OfflineNumber {
  readonly number: string;
  /** The leased block it came from; absent for the kiosk's own `K<n>` numbers. */
  readonly leaseId?: string;
}

interface LeaseRow {
  id: string;
  prefix: string;
  day: string;
  first: number;
  last: number;
  next_seq: number;
}

/**
 * Offline numbering, persisted: the server's leased blocks spent through core's `LeasePool`
 * rules (oldest block first, never another day's), and the kiosk's own `K<n>` sequence when a
 * service's blocks are spent. `take` must run inside the transaction that commits the ticket,
 * so a number is spent exactly when its ticket exists.
 */
export class LeaseBook {
  constructor(
    private readonly db: Db,
    private readonly kioskNumber: number,
  ) {
    // Fails at start, not at the first offline ticket, when the number is out of range.
    kioskFallbackPrefix(kioskNumber);
  }

  #pool(day: string): LeasePool {
    const rows = this.db
      .prepare(
        'SELECT id, prefix, day, first, last, next_seq FROM leases WHERE day = ? ORDER BY granted_at, rowid',
      )
      .all(day) as LeaseRow[];
    return new LeasePool(
      rows.map((r) => ({
        id: r.id,
        kioskId: '',
        prefix: r.prefix,
        day: r.day,
        first: r.first,
        last: r.last,
      })),
      Object.fromEntries(rows.map((r) => [r.id, r.next_seq])),
    );
  }

  /** Stores blocks the server granted (a block already held keeps its cursor). */
  add(leases: readonly NumberLease[], grantedAt: number): void {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO leases (id, prefix, day, first, last, next_seq, granted_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const l of leases) insert.run(l.id, l.prefix, l.day, l.first, l.last, l.first, grantedAt);
    })();
  }

  /** Leased numbers left for a prefix on a day. */
  remaining(prefix: string, day: string): number {
    return this.#pool(day).remaining(prefix, day);
  }

  /**
   * The next offline number for a service prefix: from a leased block, else `K<n>-<seq>` from
   * the kiosk's own daily sequence (service prefixes are letters only, so they never collide).
   */
  take(prefix: string, day: string): OfflineNumber {
    const pool = this.#pool(day);
    const leased = pool.take(prefix, day);
    if (leased) {
      this.db
        .prepare('UPDATE leases SET next_seq = ? WHERE id = ?')
        .run(pool.cursors()[leased.leaseId], leased.leaseId);
      return { number: formatTicketNumber(prefix, leased.seq), leaseId: leased.leaseId };
    }
    const fallback = kioskFallbackPrefix(this.kioskNumber);
    const row = this.db
      .prepare(
        'INSERT INTO fallback_sequences (day, prefix, next_seq) VALUES (?, ?, 2) ON CONFLICT (day, prefix) DO UPDATE SET next_seq = next_seq + 1 RETURNING next_seq - 1 AS seq',
      )
      .get(day, fallback) as { seq: number };
    return { number: formatTicketNumber(fallback, row.seq) };
  }

  /** Forgets other days' blocks and sequences: their numbers can never be issued again. */
  prune(day: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM leases WHERE day <> ?').run(day);
      this.db.prepare('DELETE FROM fallback_sequences WHERE day <> ?').run(day);
    })();
  }
}
