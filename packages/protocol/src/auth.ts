import { z } from 'zod';
import { Id } from './common';

/** What a paired device may do: a kiosk issues, a display reads its halls' events, a counter
 * board commands its one counter, a booking integration books appointments. */
export const DeviceRole = z.enum(['kiosk', 'display', 'counter-board', 'booking']);
export type DeviceRole = z.infer<typeof DeviceRole>;

export const PairingCodeRequest = z.object({
  role: DeviceRole,
  name: z.string().trim().min(1).max(80),
  /** Halls a display shows (all when absent). */
  hallIds: z.array(Id).max(20).optional(),
  /** The counter a counter board commands. */
  counterId: Id.optional(),
});
export type PairingCodeRequest = z.infer<typeof PairingCodeRequest>;

export const PairingCode = z.object({ code: z.string(), expiresAt: z.number() });
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
});
export type Paired = z.infer<typeof Paired>;

export const LoginRequest = z.object({
  login: z.string().trim().min(1).max(32),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const StaffRoleSchema = z.enum(['operator', 'supervisor', 'admin']);

export const LoggedIn = z.object({
  token: z.string(),
  staff: z.object({ id: z.string(), name: z.string(), roles: z.array(StaffRoleSchema) }),
});
export type LoggedIn = z.infer<typeof LoggedIn>;

/** What a device reports every minute; the admin sees it with the device list. */
export const DeviceHeartbeat = z.object({
  appVersion: z.string().max(40).optional(),
  printer: z.string().max(40).optional(),
  link: z.enum(['online', 'offline']).optional(),
  outbox: z.number().int().nonnegative().optional(),
  detail: z.string().max(500).optional(),
});
export type DeviceHeartbeat = z.infer<typeof DeviceHeartbeat>;
