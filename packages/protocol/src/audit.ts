import { z } from 'zod';

/**
 * Why `/v1/audit/verify` found the audit trail damaged: stable codes a client can act on; the
 * reason beside the code is for people.
 */
export const AuditProblem = {
  /** Events are missing between two others, or at the start of the log. */
  SequenceGap: 'sequence-gap',
  /** An event does not link to the one before it. */
  LinkBroken: 'link-broken',
  /** An event's content does not match its hash: it was edited. */
  HashMismatch: 'hash-mismatch',
  /** An event after the anchor has no MAC: the log was rewritten without the key. */
  MacMissing: 'mac-missing',
  /** An event does not match its MAC: rewritten, its hashes recomputed. */
  MacMismatch: 'mac-mismatch',
  /** The log ends before the head published outside it: events were deleted from its end. */
  Truncated: 'truncated',
  /** The event at the published head differs from it: the log was rewritten. */
  HeadMismatch: 'head-mismatch',
  /** An append-only trigger was dropped or changed. */
  TriggerMissing: 'trigger-missing',
  /** A ticket row has no `ticket.issued` event. */
  TicketWithoutEvent: 'ticket-without-event',
  /** The server recorded a problem earlier (at a start, or while running): see the reason. */
  Recorded: 'recorded',
} as const;
export type AuditProblem = (typeof AuditProblem)[keyof typeof AuditProblem];

/**
 * The head of the event log: its last event's sequence number and hash. The server publishes
 * it outside its database — on the event streams, in its log, in a file beside its key — so a
 * later check can tell that the log still holds it, unchanged.
 */
export const AuditHead = z.object({
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** When the event at `seq` was written (0 for an empty log). */
  at: z.number().int().nonnegative(),
});
export type AuditHead = z.infer<typeof AuditHead>;
