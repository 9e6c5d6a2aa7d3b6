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

describe('tickets', () => {
  it('issues idempotently by ticket id, numbering per service prefix', async () => {
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const id = ulid();
    const first = await kiosk.issueTicket({ body: { id, serviceId: 'dim-id-card', language: 'az' } });
    const again = await kiosk.issueTicket({ body: { id, serviceId: 'dim-id-card', language: 'az' } });
    const next = await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'ru' } });
    expect(first.ticket.number).toBe('A-001');
    expect(again.ticket).toEqual(first.ticket);
    expect(next.ticket.number).toBe('A-002');
    expect(first.estimate).toBeNull(); // no counter is open yet: the wait cannot be known
    expect(await kiosk.ticket({ params: { id: id } })).toMatchObject({ number: 'A-001', status: 'issued' });
  });

  it('syncs an offline outbox exactly once, in any order, refusing taken numbers', async () => {
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const { leases } = await kiosk.leaseNumbers({
      body: { serviceIds: ['dim-id-card', 'just-poa'], size: 10 },
    });
    expect(leases.map((l) => [l.prefix, l.first, l.last])).toEqual([
      ['A', 1, 10],
      ['N', 1, 10],
    ]);
    const online = await kiosk.issueTicket({
      body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' },
    });
    expect(online.ticket.number).toBe('A-011'); // after the leased block
    const now = Date.now();
    const offline = [1, 2, 3].map((i) => ({
      id: ulid(),
      serviceId: 'dim-id-card',
      language: 'az' as const,
      number: `A-00${i}`,
      issuedAt: now - (10 - i) * 1000,
      leaseId: leases[0]!.id,
    }));
    const reversed = [...offline].reverse();
    expect((await kiosk.syncTickets({ body: { tickets: reversed } })).results.map((r) => r.outcome)).toEqual([
      'accepted',
      'accepted',
      'accepted',
    ]);
    // The same outbox again (the answer was lost): nothing doubles.
    expect((await kiosk.syncTickets({ body: { tickets: offline } })).results.map((r) => r.outcome)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    const clash = { ...offline[0]!, id: ulid() };
    expect((await kiosk.syncTickets({ body: { tickets: [clash] } })).results[0]).toMatchObject({
      outcome: 'rejected',
    });

    // Offline tickets take their place by issue time: they were issued before the online one.
    const aysel = await loginStaff(t.admin, 'staff-aysel', 'aysel');
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'open' } });
    const calls: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } });
      calls.push(r.called!.number);
      await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'start' } });
      await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'finish' } });
    }
    expect(calls).toEqual(['A-001', 'A-002', 'A-003', 'A-011']);
  });

  it('answers malformed, oversized and unknown requests with a clear 4xx and no write', async () => {
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const token = kiosk.options.token!;
    const seq = (await t.admin.health()).seq;
    expect(await raw('/v1/tickets', { method: 'POST', body: '{"id": ', token })).toMatchObject({
      status: 400,
      body: { code: 'bad-request' },
    });
    expect(
      await raw('/v1/tickets', {
        method: 'POST',
        body: JSON.stringify({ id: 'nope', serviceId: 'dim-id-card', language: 'az' }),
        token,
      }),
    ).toMatchObject({
      status: 400,
      body: { code: 'bad-request', message: expect.stringContaining('id: a ULID') },
    });
    expect(
      await raw('/v1/tickets', {
        method: 'POST',
        body: JSON.stringify({ id: ulid(), serviceId: 'no-such', language: 'az' }),
        token,
      }),
    ).toMatchObject({ status: 400, body: { code: 'invalid-ticket' } });
    expect(
      await raw('/v1/tickets', { method: 'POST', body: JSON.stringify({ pad: 'x'.repeat(300_000) }), token }),
    ).toMatchObject({
      status: 413,
      body: { code: 'payload-too-large' },
    });
    expect(await raw('/v1/nothing-here', { token })).toMatchObject({
      status: 404,
      body: { code: 'not-found' },
    });
    expect(await raw('/health', { headers: { 'x-novbe-protocol': '0' } })).toMatchObject({
      status: 426,
      body: { code: 'client-too-old' },
    });
    expect(await raw('/health', { headers: { 'x-novbe-protocol': '99' } })).toMatchObject({
      status: 426,
      body: { code: 'client-too-new' },
    });
    expect((await t.admin.health()).seq).toBe(seq);
  });
});

describe('kiosk support', () => {
  it('tells a kiosk the people waiting and the estimate for a service, and takes its heartbeat', async () => {
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const aysel = await loginStaff(t.admin, 'staff-aysel', 'aysel');
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'open' } });
    for (let i = 0; i < 3; i++)
      await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } });
    // A burst of issues reuses the projection, moved on by each new ticket.
    const burst = [];
    for (let i = 0; i < 4; i++)
      burst.push(
        (await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } }))
          .estimate!,
      );
    expect(burst.map((e) => e.ahead)).toEqual([3, 4, 5, 6]);
    for (let i = 1; i < burst.length; i++)
      expect(burst[i]!.expectedMin).toBeGreaterThan(burst[i - 1]!.expectedMin);
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } });
    expect((await kiosk.serviceEstimate({ params: { id: 'dim-id-card' }, query: {} })).estimate!.ahead).toBe(
      6,
    );
    const info2 = await kiosk.serviceEstimate({ params: { id: 'dim-id-card' }, query: {} });
    expect(info2).toMatchObject({ serviceId: 'dim-id-card', waiting: 6, estimate: { ahead: 6 } });
    expect(info2.estimate!.lowMin).toBeLessThanOrEqual(info2.estimate!.expectedMin);
    await kiosk.heartbeat({ body: { printer: 'paper-near-end', link: 'online', outbox: 0 } });
    const devices = (await raw('/v1/devices', { token: t.admin.options.token })).body as unknown as {
      status: unknown;
    }[];
    expect(devices[0]!.status).toEqual({ printer: 'paper-near-end', link: 'online', outbox: 0 });
  });
  it("renews a burst of issues' estimate after the answers, unless it is old or a counter moved", async () => {
    await t.close();
    let now = Date.parse('2026-11-23T10:00:00+04:00'); // a Monday in Baku
    t = await startTestServer({ clock: () => now });
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const aysel = await loginStaff(t.admin, 'staff-aysel', 'aysel');
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'open' } });
    const ahead = async () =>
      (await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } })).estimate!
        .ahead;
    const made = () => ({ ...t.server.service.projections });

    expect(await ahead()).toBe(0);
    expect(made()).toEqual({ inRequest: 1, afterAnswer: 0 });
    now += 500;
    expect(await ahead()).toBe(1); // reused as it is
    now += 1000;
    expect(await ahead()).toBe(2); // answered from the old one, moved on by the tickets since…
    expect(made().inRequest).toBe(1);
    await expect.poll(() => made().afterAnswer).toBe(1); // …and renewed after the answer
    now += 500;
    expect(await ahead()).toBe(3);
    now += 6000;
    expect(await ahead()).toBe(4); // too old to answer from: projected inside the request
    expect(made()).toEqual({ inRequest: 2, afterAnswer: 1 });
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } });
    expect(await ahead()).toBe(4); // a counter moved: projected again
    expect(made()).toEqual({ inRequest: 3, afterAnswer: 1 });
    const metrics = await (await fetch(new URL('/metrics', t.url))).text();
    expect(metrics).toContain('novbe_estimate_projections_total{when="request"} 3');
    expect(metrics).toContain('novbe_estimate_projections_total{when="after_answer"} 1');
  });
});

describe('a kiosk gives up on a ticket', () => {
  it('remembers an id cancelled before it arrived, so the late request cannot create it', async () => {
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const id = ulid();
    expect(await kiosk.cancelTicket({ params: { id: id } })).toEqual({ id, cancelled: 'unseen' });
    expect(
      await refusal(kiosk.issueTicket({ body: { id, serviceId: 'dim-id-card', language: 'az' } })),
    ).toMatchObject({
      code: 'duplicate-ticket',
    });
    const synced = await kiosk.syncTickets({
      body: {
        tickets: [{ id, serviceId: 'dim-id-card', language: 'az', number: 'K1-001', issuedAt: Date.now() }],
      },
    });
    expect(synced.results[0]).toMatchObject({ outcome: 'rejected' });
    const { code } = await t.admin.createPairingCode({ body: { role: 'kiosk', name: 'K2' } });
    expect((await createCenterClient({ baseUrl: t.url }).pair({ body: { code } })).kioskNumber).toBe(2);
  });
});

describe('cancelling a ticket', () => {
  it('lets a kiosk cancel only the tickets it issued, and a supervisor any', async () => {
    const k1 = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const k2 = await pairDevice(t.admin, { role: 'kiosk', name: 'K2' });
    const nigar = await loginStaff(t.admin, 'staff-nigar', 'nigar');
    const issue = async (kiosk: typeof k1) =>
      (await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } })).ticket.id;
    const [first, second] = [await issue(k1), await issue(k1)];
    const seq = (await t.admin.health()).seq;
    expect(await refusal(k2.cancelTicket({ params: { id: first } }))).toEqual({
      code: 'forbidden',
      status: 403,
      message: 'a kiosk cancels only the tickets it issued',
    });
    expect((await t.admin.health()).seq).toBe(seq);
    expect((await t.admin.ticket({ params: { id: first } })).status).toBe('issued');
    await expect(k1.cancelTicket({ params: { id: first } })).resolves.toMatchObject({ status: 'cancelled' });
    await expect(nigar.cancelTicket({ params: { id: second } })).resolves.toMatchObject({
      status: 'cancelled',
    });
  });
});
