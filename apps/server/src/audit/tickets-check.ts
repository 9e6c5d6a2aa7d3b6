import type { Db } from '@novbe/store';

/**
 * The first ticket row without its `ticket.issued` event (the event its row names, issuing
 * that ticket), or null: rows the log cannot account for, e.g. once events were deleted.
 */
export function ticketWithoutIssue(db: Db): { seq: number; reason: string } | null {
  const row = db
    .prepare(
      `SELECT t.id, t.number, t.day, t.issued_seq AS seq, e.type
         FROM tickets t LEFT JOIN events e ON e.seq = t.issued_seq
        WHERE e.seq IS NULL OR e.type <> 'ticket.issued' OR json_extract(e.payload, '$.ticket.id') IS NOT t.id
        LIMIT 1`,
    )
    .get() as { id: string; number: string; day: string; seq: number; type: string | null } | undefined;
  if (!row) return null;
  return {
    seq: row.seq,
    reason: `ticket ${row.number} of ${row.day} (${row.id}) has no ticket.issued event: ${
      row.type === null ? `event ${row.seq}, which issued it, is gone` : `event ${row.seq} is a ${row.type}`
    }`,
  };
}
