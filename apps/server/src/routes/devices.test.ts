import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { pairDevice, rawRequest, startTestServer, type TestServer } from '../testing';
import { PAIRING_FAILURES_PER_MINUTE } from './devices';

let t: TestServer;
afterEach(async () => {
  await t?.close();
});

/** A JSON POST from one loopback address (127.x.y.z all reach the server): status, headers, body. */
function postFrom(localAddress: string, path: string, body: unknown) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: { code?: string } }>(
    (resolve, reject) => {
      const req = request(
        new URL(path, t.url),
        { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) as object }),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(body));
    },
  );
}

describe('pairing', () => {
  it('takes only so many wrong codes a minute from the whole network, whatever the addresses', async () => {
    let now = Date.now();
    t = await startTestServer({ clock: () => now });
    const { code } = await t.admin.createPairingCode({ body: { role: 'kiosk', name: 'K1' } });
    // Two addresses, each under its own limit, spend the center's budget between them.
    for (let i = 0; i < PAIRING_FAILURES_PER_MINUTE; i++) {
      const from = `127.0.${2 + (i % 2)}.1`;
      expect((await postFrom(from, '/v1/pair', { code: '0000-0000' })).status).toBe(401);
    }
    // A third address, even with the right code, waits for the oldest failure to age.
    const refused = await postFrom('127.0.4.1', '/v1/pair', { code });
    expect(refused).toMatchObject({ status: 429, body: { code: 'too-many-requests' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    now += 60_001;
    expect(await postFrom('127.0.4.1', '/v1/pair', { code })).toMatchObject({
      status: 200,
      body: { role: 'kiosk', name: 'K1' },
    });
  });

  it('keeps its per-address limit, answered with code too-many-requests', async () => {
    t = await startTestServer();
    for (let i = 0; i < 20; i++)
      expect((await postFrom('127.0.5.1', '/v1/pair', { code: '0000-0000' })).status).toBe(401);
    expect(await postFrom('127.0.5.1', '/v1/pair', { code: '0000-0000' })).toMatchObject({
      status: 429,
      body: { code: 'too-many-requests' },
    });
  });
});

describe('what devices write that admins read', () => {
  it('refuses control, bidirectional and zero-width characters in device names and heartbeats', async () => {
    t = await startTestServer();
    const pairingCode = (name: string) =>
      rawRequest(t.url, '/v1/pairing-codes', {
        method: 'POST',
        token: t.admin.options.token,
        body: JSON.stringify({ role: 'kiosk', name }),
      });
    expect(await pairingCode('Kiosk \u202Eroob')).toEqual({
      status: 400,
      body: {
        code: 'bad-request',
        message:
          'name: control, bidirectional and zero-width characters are not allowed (U+202E at position 7)',
      },
    });
    for (const name of [
      'Kiosk\u0000',
      'Kio\u200Bsk 1',
      'Kiosk \u2067 1',
      'K\u001B[31m',
      '\uFEFFKiosk',
      'Kiosk\n1',
    ])
      expect(await pairingCode(name), JSON.stringify(name)).toMatchObject({
        status: 400,
        body: { code: 'bad-request' },
      });
    expect((await pairingCode('Giriş qapısı — Köşk №1')).status).toBe(200);

    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    expect(
      await rawRequest(t.url, '/v1/devices/heartbeat', {
        method: 'POST',
        token: kiosk.options.token,
        body: JSON.stringify({ detail: 'printer ok\u202E' }),
      }),
    ).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^detail: control/) } });
    await kiosk.heartbeat({ body: { printer: 'paper-near-end', detail: 'kağız azalır' } });
    expect((await t.admin.listDevices())[0]!.status).toEqual({
      printer: 'paper-near-end',
      detail: 'kağız azalır',
    });
  });
});
