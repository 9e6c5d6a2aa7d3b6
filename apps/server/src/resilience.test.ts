import { openDatabase } from '@novbe/store';
import { exampleCenterInput } from '@novbe/core/fixtures';
import { ulid } from 'ulid';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loginStaff, pairDevice, startTestServer, type TestServer } from './testing';

let t: TestServer;
afterEach(async () => t?.close());

const count = (t: TestServer, sql: string) => (t.server.db.prepare(sql).get() as { n: number }).n;

describe('storage failures', () => {
  it('answers 503 while another process holds the database locked, and loses nothing', async () => {
    t = await startTestServer({ config: { busyTimeoutMs: 200 } });
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } });
    const other = openDatabase(join(t.dataDir, 'center.db'));
    other.exec('BEGIN IMMEDIATE');
    const id = ulid();
    await expect(
      kiosk.issueTicket({ body: { id, serviceId: 'dim-id-card', language: 'az' } }),
    ).rejects.toMatchObject({
      code: 'storage-unavailable',
      status: 503,
    });
    other.exec('ROLLBACK');
    other.close();
    // The refused ticket was never recorded, so its retry gets the next number, not a gap.
    expect(
      (await kiosk.issueTicket({ body: { id, serviceId: 'dim-id-card', language: 'az' } })).ticket.number,
    ).toBe('A-002');
    expect(t.server.service.verifyLog()).toMatchObject({ ok: true });
  });

  it('answers 503 on a full disk, keeps every acknowledged ticket and recovers when space returns', async () => {
    t = await startTestServer();
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const db = t.server.db;
    // SQLite's page limit makes the file "full" exactly as a full disk would (SQLITE_FULL).
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 2}`);
    const acknowledged: string[] = [];
    let refused = 0;
    for (let i = 0; i < 400 && refused === 0; i++) {
      try {
        acknowledged.push(
          (await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'just-poa', language: 'ru' } })).ticket
            .id,
        );
      } catch (e) {
        expect(e).toMatchObject({ code: 'storage-unavailable' });
        refused++;
      }
    }
    expect(refused).toBe(1);
    expect(count(t, "SELECT count(*) AS n FROM events WHERE type = 'ticket.issued'")).toBe(
      acknowledged.length,
    );
    expect(count(t, 'SELECT count(*) AS n FROM tickets')).toBe(acknowledged.length);
    expect(t.server.service.waitingTotal()).toBe(acknowledged.length);
    db.pragma('max_page_count = 1073741823');
    await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'just-poa', language: 'ru' } });
    expect(t.server.service.verifyLog()).toMatchObject({ ok: true, count: acknowledged.length + 2 });
  });
});

describe('restart', () => {
  it('rebuilds the same queue, counters and numbering from the log', async () => {
    t = await startTestServer();
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const aysel = await loginStaff(t.admin, 'staff-aysel', 'aysel');
    const leyla = await loginStaff(t.admin, 'staff-leyla', 'leyla');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = ulid();
      ids.push(id);
      await kiosk.issueTicket({
        body: { id, serviceId: i % 2 ? 'dim-id-card' : 'just-poa', language: 'az' },
      });
    }
    await kiosk.leaseNumbers({ body: { serviceIds: ['dim-id-card'], size: 5 } });
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'open' } });
    await leyla.counterCommand({ params: { id: 'counter-11' }, body: { action: 'open' } });
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } });
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'start' } });
    await aysel.counterCommand({
      params: { id: 'counter-1' },
      body: { action: 'transfer', to: { serviceId: 'just-poa' } },
    });
    await leyla.counterCommand({ params: { id: 'counter-11' }, body: { action: 'call-next' } });
    await leyla.counterCommand({ params: { id: 'counter-11' }, body: { action: 'recall' } });
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } });
    const tickets = () => ids.map((id) => t.server.service.findTicket(id));
    const before = { snapshot: t.server.service.snapshot(null), tickets: tickets() };
    const waiting = t.server.service.waitingTotal();
    const dataDir = t.dataDir;
    await t.close({ keepData: true });

    t = await startTestServer({ dataDir });
    expect({ snapshot: t.server.service.snapshot(null), tickets: tickets() }).toEqual(before);
    expect(t.server.service.waitingTotal()).toBe(waiting);
    const kiosk2 = t.admin.withToken(kiosk.options.token!);
    expect(
      (await kiosk2.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } })).ticket
        .number,
    ).toBe('A-009');
  });
});

describe('configuration', () => {
  it('puts a new configuration in force, and refuses one that strands today\u2019s tickets', async () => {
    t = await startTestServer();
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'bank-loan', language: 'en' } });
    const put = (body: unknown) =>
      fetch(new URL('/v1/center', t.url), {
        method: 'PUT',
        headers: { authorization: `Bearer ${t.admin.options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const renamed = structuredClone(exampleCenterInput);
    renamed.services.find((s) => s.id === 'bank-loan')!.name.en = 'Consumer credit';
    expect((await put(renamed)).status).toBe(200);
    const seen = (await (
      await fetch(new URL('/v1/center', t.url), {
        headers: { authorization: `Bearer ${kiosk.options.token}` },
      })
    ).json()) as {
      services: { id: string; name: { en: string } }[];
    };
    expect(seen.services.find((s) => s.id === 'bank-loan')!.name.en).toBe('Consumer credit');

    const withoutLoans = structuredClone(exampleCenterInput);
    withoutLoans.services = withoutLoans.services.filter((s) => s.id !== 'bank-loan');
    withoutLoans.counters = withoutLoans.counters.map((c) => ({
      ...c,
      services: c.services.filter((s) => s.serviceId !== 'bank-loan'),
    }));
    const refused = await put(withoutLoans);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('bank-loan'),
    });
    const broken = { ...structuredClone(exampleCenterInput), hours: { timeZone: 'Nowhere/Land' } };
    expect(await (await put(broken)).json()).toMatchObject({
      code: 'bad-request',
      message: expect.stringContaining('hours'),
    });
    expect(
      (await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'bank-loan', language: 'en' } })).ticket
        .number,
    ).toBe('BL-002');
  });
});
