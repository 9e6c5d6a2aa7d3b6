import { createCenterClient } from '@novbe/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Auth from '../auth';
import { verifyPassword } from '../auth';
import { loginStaff, refusal, startTestServer, type TestServer } from '../testing';

// Counts the password checks, each still made for real.
vi.mock('../auth', async (importOriginal) => {
  const auth = await importOriginal<typeof Auth>();
  return { ...auth, verifyPassword: vi.fn(auth.verifyPassword) };
});

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t?.close();
});

const login = (body: { login: string; password: string }) =>
  fetch(new URL('/v1/login', t.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('logging in', () => {
  it('checks a password hash for an unknown login as for a wrong password', async () => {
    await loginStaff(t.admin, 'staff-aysel', 'aysel');
    const checks = vi.mocked(verifyPassword);
    for (const attempt of [
      { login: 'aysel', password: 'wrong password' }, // a known login, a wrong password
      { login: 'nobody', password: 'wrong password' }, // no such login
      { login: 'rauf', password: 'wrong password' }, // a known login without a password yet
    ]) {
      checks.mockClear();
      expect((await login(attempt)).status).toBe(401);
      expect(checks).toHaveBeenCalledTimes(1);
      expect(checks.mock.calls[0]![1]).toMatch(/^scrypt\$16384\$8\$1\$/);
      await expect(checks.mock.results[0]!.value).resolves.toBe(false);
    }
  });

  it('answers too many attempts with code too-many-requests and when to try again', async () => {
    for (let i = 0; i < 10; i++)
      expect((await login({ login: 'aysel', password: 'wrong' })).status).toBe(401);
    const res = await login({ login: 'aysel', password: 'wrong' });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ code: 'too-many-requests' });
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('never lets an answer carrying a token be cached or sniffed', async () => {
    await loginStaff(t.admin, 'staff-aysel', 'aysel');
    const res = await login({ login: 'aysel', password: 'aysel-password' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const { code } = await t.admin.createPairingCode({ body: { role: 'kiosk', name: 'K1' } });
    const paired = await fetch(new URL('/v1/pair', t.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(paired.status).toBe(200);
    expect(paired.headers.get('cache-control')).toBe('no-store');
    expect(paired.headers.get('x-content-type-options')).toBe('nosniff');
    // Every other answer of the API too, refusals included.
    for (const path of ['/health', '/v1/staff', '/v1/nothing-here']) {
      const other = await fetch(new URL(path, t.url));
      expect(other.headers.get('cache-control'), path).toBe('no-store');
      expect(other.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});

describe('logging out', () => {
  it('ends the session it comes with, and only that one', async () => {
    const first = await loginStaff(t.admin, 'staff-nigar', 'nigar');
    const second = first.withToken(
      (
        await createCenterClient({ baseUrl: t.url }).login({
          body: { login: 'nigar', password: 'nigar-password' },
        })
      ).token,
    );
    expect(await first.logout()).toEqual({ ok: true });
    expect(await refusal(first.listStaff())).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(await refusal(first.logout())).toMatchObject({ status: 401 });
    await expect(second.listStaff()).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'staff-nigar' })]),
    );
  });
});
