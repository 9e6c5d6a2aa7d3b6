import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginStaff, pairDevice, rawRequest, startTestServer, type TestServer } from '../testing';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t?.close();
});
const raw = (path: string, init: Parameters<typeof rawRequest>[2] = {}) => rawRequest(t.url, path, init);

describe('audit trail', () => {
  it('verifies the hash chain of everything that happened', async () => {
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    for (let i = 0; i < 5; i++)
      await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'just-poa', language: 'en' } });
    const check = (await raw('/v1/audit/verify', { token: t.admin.options.token })).body;
    expect(check).toMatchObject({ ok: true, count: 6 });
  });
});

describe('statistics', () => {
  it('derives waits and handling from the event log, as JSON and CSV, for supervisors only', async () => {
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const nigar = await loginStaff(t.admin, 'staff-nigar', 'nigar'); // supervisor and operator
    for (let i = 0; i < 3; i++)
      await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'just-birth', language: 'az' } });
    await nigar.counterCommand({ params: { id: 'counter-9' }, body: { action: 'open' } });
    await nigar.counterCommand({ params: { id: 'counter-9' }, body: { action: 'call-next' } });
    await nigar.counterCommand({ params: { id: 'counter-9' }, body: { action: 'start' } });
    await nigar.counterCommand({ params: { id: 'counter-9' }, body: { action: 'finish' } });
    await nigar.counterCommand({ params: { id: 'counter-9' }, body: { action: 'call-next' } });
    await nigar.counterCommand({ params: { id: 'counter-9' }, body: { action: 'no-show' } });

    const stats = (await raw('/v1/statistics', { token: nigar.options.token })).body as unknown as {
      totals: { issued: number; served: number; noShows: number };
      services: { serviceId: string; tickets: number }[];
    };
    expect(stats.totals).toMatchObject({ issued: 3, served: 1, noShows: 1 });
    expect(stats.services.find((s) => s.serviceId === 'just-birth')).toMatchObject({ tickets: 3 });
    const csv = await fetch(new URL('/v1/statistics/services.csv?language=az', t.url), {
      headers: { authorization: `Bearer ${nigar.options.token}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain(',');
    expect(text).toContain('Doğumun qeydiyyatı');
    expect((await raw('/v1/statistics', { token: kiosk.options.token })).status).toBe(403);
    expect((await raw('/v1/statistics?date=2026-13-01', { token: nigar.options.token })).status).toBe(400);
  });
});
