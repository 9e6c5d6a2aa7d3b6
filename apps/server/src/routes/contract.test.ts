import { allows, contract, routeTarget, type Role, type RouteSpec } from '@novbe/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginStaff, pairDevice, rawRequest, startTestServer, type TestServer } from '../testing';

let t: TestServer;
/** Every kind of caller, with the roles the contract's `allow` speaks of. */
let callers: { name: string; token: string | undefined; roles: readonly Role[] }[];

beforeAll(async () => {
  t = await startTestServer();
  const device = async (role: 'kiosk' | 'display' | 'counter-board' | 'booking') =>
    (
      await pairDevice(t.admin, {
        role,
        name: role,
        ...(role === 'counter-board' ? { counterId: 'counter-1' } : {}),
      })
    ).options.token;
  callers = [
    { name: 'anonymous', token: undefined, roles: [] },
    { name: 'kiosk', token: await device('kiosk'), roles: ['kiosk'] },
    { name: 'display', token: await device('display'), roles: ['display'] },
    { name: 'counter board', token: await device('counter-board'), roles: ['counter-board'] },
    { name: 'booking', token: await device('booking'), roles: ['booking'] },
    {
      name: 'operator',
      token: (await loginStaff(t.admin, 'staff-aysel', 'aysel')).options.token,
      roles: ['operator'],
    },
    {
      name: 'supervisor',
      token: (await loginStaff(t.admin, 'staff-nigar', 'nigar')).options.token,
      roles: ['supervisor', 'operator'],
    },
    { name: 'admin', token: t.admin.options.token, roles: ['admin'] },
  ];
});
afterAll(async () => {
  await t?.close();
});

/** A path of the route with placeholder parameters (an unknown id, a real table). */
const target = (spec: RouteSpec) =>
  routeTarget(spec, { params: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', table: 'services' } });

/** 'ok', or what went wrong, for one route and one caller. */
function judge(admitted: boolean, token: string | undefined, status: number, body: { message?: string }) {
  const guardRefused = status === 401 || /^only .* may do this$/.test(body.message ?? '');
  if (admitted) {
    if (status === 404 && body.message?.startsWith('no route')) return 'not served';
    return guardRefused ? 'refused though allowed' : 'ok';
  }
  const expected = token === undefined ? 401 : 403;
  return status === expected && guardRefused ? 'ok' : `got ${status}, not ${expected}`;
}

// Logging out ends the caller's session: last.
const routes = Object.entries(contract).sort(([a], [b]) => Number(a === 'logout') - Number(b === 'logout'));

describe('the contract table', () => {
  it('is what the server serves: each route admits exactly the principals its entry allows', async () => {
    const seen: string[] = [];
    for (const [name, spec] of routes as [string, RouteSpec][])
      for (const caller of callers) {
        const { status, body } = await rawRequest(t.url, target(spec), {
          method: spec.method,
          token: caller.token,
          ...(spec.method === 'GET' ? {} : { body: '{}' }),
        });
        seen.push(
          `${name} × ${caller.name}: ${judge(allows(spec.allow, caller.roles), caller.token, status, body)}`,
        );
      }
    expect(seen.filter((line) => !line.endsWith(': ok'))).toEqual([]);
    expect(seen).toHaveLength(Object.keys(contract).length * callers.length);
  });
});
