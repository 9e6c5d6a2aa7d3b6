import {
  allows,
  contract,
  EVENT_STREAM,
  PROTOCOL_VERSION,
  routeTarget,
  type Role,
  type RouteSpec,
} from '@novbe/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loginStaff, pairDevice, rawRequest, startTestServer, type TestServer } from '../testing';

let t: TestServer;
/**
 * Every kind of caller, with the roles the contract's `allow` speaks of; a token that no
 * longer holds (a revoked device, an ended session, one never issued) holds no role.
 */
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
    { name: 'revoked kiosk', token: await revokedDevice(), roles: [] },
    { name: 'logged-out operator', token: await loggedOutSession(), roles: [] },
    { name: 'unknown token', token: 'x'.repeat(43), roles: [] },
  ];
});
async function revokedDevice() {
  const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'revoked' });
  const device = (await t.admin.listDevices()).find((d) => d.name === 'revoked')!;
  await t.admin.revokeDevice({ params: { id: device.id } });
  return kiosk.options.token;
}
async function loggedOutSession() {
  const operator = await loginStaff(t.admin, 'staff-rauf', 'rauf');
  await operator.logout();
  return operator.options.token;
}
afterAll(async () => {
  await t?.close();
});

/** A path of the route with placeholder parameters (an unknown id, a real table). */
const target = (spec: RouteSpec) =>
  routeTarget(spec, { params: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', table: 'services' } });

/** 'ok', or what went wrong, for one route and one caller. */
function judge(
  admitted: boolean,
  { token, roles }: { token: string | undefined; roles: readonly Role[] },
  status: number,
  body: { message?: string },
) {
  const guardRefused = status === 401 || /^only .* may do this$/.test(body.message ?? '');
  if (admitted) {
    if (status === 404 && body.message?.startsWith('no route')) return 'not served';
    return guardRefused ? 'refused though allowed' : 'ok';
  }
  // No principal at all (no token, or one that holds no longer): 401; the wrong role: 403.
  const expected = token === undefined || roles.length === 0 ? 401 : 403;
  return status === expected && guardRefused ? 'ok' : `got ${status}, not ${expected}`;
}

// Logging out ends the caller's session: last.
const routes = Object.entries(contract).sort(([a], [b]) => Number(a === 'logout') - Number(b === 'logout'));

describe('the contract table', () => {
  // Before the HTTP routes: logging out (the last of them) ends the staff's sessions.
  it('serves the live event stream (WS) to exactly the principals EVENT_STREAM allows', async () => {
    const seen: string[] = [];
    for (const caller of callers) {
      const first = await firstMessage({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        token: caller.token ?? '',
      });
      const admitted = caller.roles.length > 0 && allows(EVENT_STREAM.allow, caller.roles);
      // With no token there is no hello to speak of: any refusal will do.
      const expected =
        caller.token === undefined && first.startsWith('error ')
          ? first
          : admitted
            ? 'welcome'
            : caller.roles.length === 0
              ? 'error unauthorized'
              : 'error forbidden';
      seen.push(
        `${EVENT_STREAM.path} × ${caller.name}: ${first === expected ? 'ok' : `got ${first}, not ${expected}`}`,
      );
    }
    expect(seen.filter((line) => !line.endsWith(': ok'))).toEqual([]);
  });

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
          `${name} × ${caller.name}: ${judge(allows(spec.allow, caller.roles), caller, status, body)}`,
        );
      }
    expect(seen.filter((line) => !line.endsWith(': ok'))).toEqual([]);
    expect(seen).toHaveLength(Object.keys(contract).length * callers.length);
  });
});

/** The stream's first answer to a hello: `welcome`, or `error <code>`. */
function firstMessage(hello: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}${EVENT_STREAM.path}`);
    ws.on('open', () => ws.send(JSON.stringify(hello)));
    ws.on('error', reject);
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { type: string; error?: { code: string } };
      ws.close();
      resolve(m.type === 'error' ? `error ${m.error?.code}` : m.type);
    });
  });
}
