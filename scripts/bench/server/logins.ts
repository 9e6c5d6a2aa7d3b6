/**
 * A morning's login storm: staff of the center logging in all at once, each login a password
 * hash on the server (scrypt, tens of milliseconds of CPU).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { percentiles, type Center, type Percentiles, type Staff } from '@novbe/core';
import { exampleCenter } from '@novbe/core/fixtures';
import { logIn, setPassword, type CenterClient } from './center-api';
import { lanAddress, pool } from './http';

/** `n` operators besides the example center's staff, for the storm. */
export function stormStaff(n: number): Staff[] {
  return Array.from({ length: n }, (_, i) => {
    const k = String(i + 1).padStart(3, '0');
    return { id: `staff-storm-${k}`, name: `Storm operator ${k}`, login: `storm${k}`, roles: ['operator'] };
  });
}

/** The example center with `staff` added. */
export const centerWith = (staff: readonly Staff[]): Center => ({
  ...exampleCenter,
  staff: [...exampleCenter.staff, ...staff],
});

const passwordOf = (member: Staff) => `${member.login}-bench-password`;

/** The admin gives each of them a password (a hash each on the server). */
export async function givePasswords(admin: CenterClient, staff: readonly Staff[]): Promise<void> {
  await pool(staff, 4, (member) => setPassword(admin, member.id, passwordOf(member)));
}

export interface StormResult {
  readonly logins: number;
  readonly errors: number;
  readonly firstError: string | null;
  /** From a login's send to its answer (each waits for the hashes queued before it). */
  readonly latency: Percentiles;
}

/**
 * Every member of `staff` logs in, and again as soon as answered, each time from a new address
 * (the server limits attempts per address and login), so `staff.length` logins are always in
 * flight until `stop`, which waits for those in flight.
 */
export function loginStorm(baseUrl: string, staff: readonly Staff[]): { stop(): Promise<StormResult> } {
  let running = true;
  let next = 0;
  let errors = 0;
  let firstError: string | null = null;
  const latency: number[] = [];
  const workers = staff.map(async (member) => {
    while (running) {
      const t0 = performance.now();
      try {
        await logIn(baseUrl, member.login, passwordOf(member), lanAddress(next++, 1));
        latency.push(performance.now() - t0);
      } catch (e) {
        errors++;
        firstError ??= (e as Error).message;
        await sleep(100);
      }
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      return { logins: latency.length, errors, firstError, latency: percentiles(latency) };
    },
  };
}
