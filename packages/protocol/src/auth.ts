import { StaffRole } from '@novbe/core';
import { z } from 'zod';
import { AuditHead, AuditProblem } from './audit';
import { Id, Instant } from './common';
import { plainText } from './text';

/** What a paired device may do: a kiosk issues, a display reads its halls' events, a counter
 * board commands its one counter, a booking integration books appointments. */
export const DeviceRole = z.enum(['kiosk', 'display', 'counter-board', 'booking']);
export type DeviceRole = z.infer<typeof DeviceRole>;

export const PairingCodeRequest = z.object({
  role: DeviceRole,
  /** Shown to admins and in the log: plain text (see `plainText`). */
  name: plainText(80).min(1),
  /** Halls a display shows (all when absent). */
  hallIds: z.array(Id).max(20).optional(),
  /** The counter a counter board commands. */
  counterId: Id.optional(),
});
export type PairingCodeRequest = z.infer<typeof PairingCodeRequest>;

export const PairingCode = z.object({ code: z.string(), expiresAt: Instant });
export type PairingCode = z.infer<typeof PairingCode>;

export const PairRequest = z.object({ code: z.string().trim().min(6).max(32) });
export type PairRequest = z.infer<typeof PairRequest>;

export const Paired = z.object({
  deviceId: z.string(),
  role: DeviceRole,
  name: z.string(),
  /** Shown once; the server keeps only its hash. */
  token: z.string(),
  /** A kiosk's own number (1, 2, …): its `K<n>` prefix when it must issue with no lease left. */
  kioskNumber: z.number().int().positive().nullable().optional(),
  /** The halls a display shows (null: all). */
  hallIds: z.array(Id).nullable().optional(),
  /** The counter a counter board commands. */
  counterId: Id.nullable().optional(),
});
export type Paired = z.infer<typeof Paired>;

export const LoginRequest = z.object({
  login: z.string().trim().min(1).max(32),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** What staff may do: operators work counters, supervisors watch and report, admins configure. */
export { StaffRole };

export const LoggedIn = z.object({
  token: z.string(),
  staff: z.object({ id: z.string(), name: z.string(), roles: z.array(StaffRole) }),
});
export type LoggedIn = z.infer<typeof LoggedIn>;

/** What a device reports every minute; the admin sees it with the device list (plain text). */
export const DeviceHeartbeat = z.object({
  appVersion: plainText(40).optional(),
  printer: plainText(40).optional(),
  link: z.enum(['online', 'offline']).optional(),
  outbox: z.number().int().nonnegative().optional(),
  detail: plainText(500).optional(),
});
export type DeviceHeartbeat = z.infer<typeof DeviceHeartbeat>;

export const HeartbeatAck = z.object({ ok: z.literal(true), seq: z.number().int().nonnegative() });
export type HeartbeatAck = z.infer<typeof HeartbeatAck>;

/** A paired device as the admin sees it. */
export const DeviceView = z.object({
  id: z.string(),
  role: DeviceRole,
  name: z.string(),
  hallIds: z.array(Id).nullable(),
  counterId: Id.nullable(),
  kioskNumber: z.number().int().positive().nullable(),
  pairedAt: Instant,
  revokedAt: Instant.nullable(),
  lastSeenAt: Instant.nullable(),
  /** The last heartbeat's report, as stored (heartbeats before plain text was required too). */
  status: DeviceHeartbeat.extend({
    appVersion: z.string().optional(),
    printer: z.string().optional(),
    detail: z.string().optional(),
  }).nullable(),
});
export type DeviceView = z.infer<typeof DeviceView>;

/** A staff member as supervisors and admins see them (never a password hash). */
export const StaffSummary = z.object({
  id: Id,
  name: z.string(),
  login: z.string(),
  agencyId: Id.optional(),
  roles: z.array(StaffRole),
});
export type StaffSummary = z.infer<typeof StaffSummary>;

export const SetPassword = z.object({ password: z.string().min(8).max(200) });
export type SetPassword = z.infer<typeof SetPassword>;

/**
 * What `/v1/audit/verify` finds: the hash chain and its keyed MACs, the head published outside
 * the database, the append-only triggers, and a `ticket.issued` event for every ticket row.
 */
export const ChainCheck = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    count: z.number().int().nonnegative(),
    lastHash: z.string(),
    lastSeq: z.number().int().nonnegative(),
    /** The first event that carries a keyed MAC; earlier ones keep their plain hash. */
    anchorSeq: z.number().int().positive(),
    /** The head the log was compared with: the last one published outside the database. */
    head: AuditHead,
  }),
  z.object({
    ok: z.literal(false),
    /** The event where the problem shows (0 when none does, e.g. a dropped trigger). */
    seq: z.number().int().nonnegative(),
    problem: z.enum(Object.values(AuditProblem) as [AuditProblem, ...AuditProblem[]]),
    reason: z.string(),
  }),
]);
export type ChainCheck = z.infer<typeof ChainCheck>;
