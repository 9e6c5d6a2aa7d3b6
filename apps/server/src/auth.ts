import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '@novbe/store';
import type { DeviceRole } from '@novbe/protocol';
import { scryptOffLoop } from './scrypt-thread';

/** Who is making a request: a paired device or a logged-in staff member. */
export type Principal =
  | {
      readonly kind: 'device';
      readonly id: string;
      readonly role: DeviceRole;
      readonly name: string;
      readonly hallIds: readonly string[] | null;
      readonly counterId: string | null;
      readonly kioskNumber: number | null;
    }
  | { readonly kind: 'staff'; readonly id: string; readonly roles: readonly string[] };

/** A fresh bearer token: 32 random bytes. Only its SHA-256 is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** An 8-digit one-time pairing code, grouped for reading aloud: `4821-7735`. */
export function newPairingCode(): string {
  const n = String(randomInt(0, 100_000_000)).padStart(8, '0');
  return `${n.slice(0, 4)}-${n.slice(4)}`;
}

/** Normalises what a technician typed: digits only. */
export function pairingCodeHash(code: string): string {
  return tokenHash(code.replace(/\D/g, ''));
}

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

/**
 * scrypt with a random salt, self-describing: `scrypt$N$r$p$salt$hash`. Hashed on a helper
 * thread: a morning's logins do not hold up the calls to the hall screens.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptOffLoop(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Whether `password` matches a hash from `hashPassword`, checked on the same helper thread. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, N, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptOffLoop(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(N),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

interface DeviceRow {
  id: string;
  role: DeviceRole;
  name: string;
  hall_ids: string | null;
  counter_id: string | null;
  kiosk_number: number | null;
}

/** Resolves bearer tokens to principals, against hashed tokens in the database. */
export class Authenticator {
  readonly #device;
  readonly #session;
  readonly #staffRoles: (staffId: string) => readonly string[] | null;

  /** `staffRoles` reads the current configuration, so a changed role applies at once. */
  constructor(db: Db, staffRoles: (staffId: string) => readonly string[] | null) {
    this.#device = db.prepare(
      'SELECT id, role, name, hall_ids, counter_id, kiosk_number FROM devices WHERE token_hash = ? AND revoked_at IS NULL',
    );
    this.#session = db.prepare(
      'SELECT staff_id FROM staff_sessions WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?',
    );
    this.#staffRoles = staffRoles;
  }

  resolve(token: string, now: number): Principal | null {
    const hash = tokenHash(token);
    const device = this.#device.get(hash) as DeviceRow | undefined;
    if (device)
      return {
        kind: 'device',
        id: device.id,
        role: device.role,
        name: device.name,
        hallIds: device.hall_ids ? (JSON.parse(device.hall_ids) as string[]) : null,
        counterId: device.counter_id,
        kioskNumber: device.kiosk_number,
      };
    const session = this.#session.get(hash, now) as { staff_id: string } | undefined;
    if (session) {
      const roles = this.#staffRoles(session.staff_id);
      if (roles) return { kind: 'staff', id: session.staff_id, roles };
    }
    return null;
  }
}
