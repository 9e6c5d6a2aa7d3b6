import { createCenterClient } from '@novbe/protocol';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginStaff, pairDevice, rawRequest, refusal, startTestServer, type TestServer } from '../testing';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t?.close();
});
const raw = (path: string, init: Parameters<typeof rawRequest>[2] = {}) => rawRequest(t.url, path, init);

describe('pairing and roles', () => {
  it('pairs a device with a one-time code, once', async () => {
    const { code } = await t.admin.createPairingCode({ body: { role: 'kiosk', name: 'Kiosk at the door' } });
    const anon = createCenterClient({ baseUrl: t.url });
    const paired = await anon.pair({ body: { code } });
    expect(paired).toMatchObject({ role: 'kiosk', name: 'Kiosk at the door' });
    expect(await refusal(anon.pair({ body: { code } }))).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(await refusal(anon.pair({ body: { code: '0000-0000' } }))).toMatchObject({ code: 'unauthorized' });
  });

  it('lets each role do only its job', async () => {
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const display = await pairDevice(t.admin, {
      role: 'display',
      name: 'Hall 1 screen',
      hallIds: ['hall-1'],
    });
    const board = await pairDevice(t.admin, {
      role: 'counter-board',
      name: 'Board 2',
      counterId: 'counter-2',
    });
    const anon = createCenterClient({ baseUrl: t.url });

    expect(
      await refusal(anon.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } })),
    ).toMatchObject({ status: 401 });
    expect(
      await refusal(display.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } })),
    ).toMatchObject({
      code: 'forbidden',
      status: 403,
    });
    expect(
      await refusal(display.counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } })),
    ).toMatchObject({
      code: 'forbidden',
    });
    expect(
      await refusal(board.counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } })),
    ).toMatchObject({
      code: 'forbidden',
    });
    expect(await refusal(kiosk.createPairingCode({ body: { role: 'kiosk', name: 'x' } }))).toMatchObject({
      code: 'forbidden',
    });
    expect((await raw('/v1/staff', { token: kiosk.options.token })).status).toBe(403);
    const center = (await raw('/v1/center', { token: kiosk.options.token })).body as {
      staff: unknown[];
      services: unknown[];
    };
    expect(center.staff).toEqual([]);
    expect(center.services.length).toBe(40);
    expect(await refusal(kiosk.snapshot())).toMatchObject({ code: 'forbidden' });
    await expect(display.snapshot()).resolves.toMatchObject({ seq: expect.any(Number) });
  });

  it('logs staff in with a password and keeps each at one counter', async () => {
    const aysel = await loginStaff(t.admin, 'staff-aysel', 'aysel');
    const rauf = await loginStaff(t.admin, 'staff-rauf', 'rauf');
    expect(
      await refusal(
        createCenterClient({ baseUrl: t.url }).login({ body: { login: 'aysel', password: 'wrong' } }),
      ),
    ).toMatchObject({
      status: 401,
    });
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'open' } });
    expect(
      await refusal(aysel.counterCommand({ params: { id: 'counter-2' }, body: { action: 'open' } })),
    ).toMatchObject({
      code: 'counter-state',
    });
    expect(
      await refusal(rauf.counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } })),
    ).toMatchObject({
      code: 'counter-state',
    });
    expect(
      await refusal(t.admin.counterCommand({ params: { id: 'counter-3' }, body: { action: 'open' } })),
    ).toMatchObject({
      code: 'forbidden',
    });
  });

  it('revokes a device token', async () => {
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const devices = (await raw('/v1/devices', { token: t.admin.options.token })).body as unknown as {
      id: string;
    }[];
    await raw(`/v1/devices/${devices[0]!.id}/revoke`, {
      method: 'POST',
      body: '{}',
      token: t.admin.options.token,
    });
    expect(
      await refusal(kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } })),
    ).toMatchObject({
      status: 401,
    });
  });
});
