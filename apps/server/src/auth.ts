import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { scryptOffLoop } from './scrypt-thread';

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
