import {
  EventStream,
  ProtocolError,
  type CenterEvent,
  type Snapshot,
  createCenterClient,
} from '@novbe/protocol';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loginStaff, pairDevice, startTestServer, type TestServer } from './testing';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t?.close();
});

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProtocolError) return { code: e.code, status: e.status, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
};

async function raw(path: string, init: RequestInit & { token?: string } = {}) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(init.headers as Record<string, string>),
  };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(new URL(path, t.url), { ...init, headers });
  return { status: res.status, body: (await res.json()) as { code?: string; message?: string } };
}

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

describe('live events', () => {
  function stream(token: string, since = 0) {
    const events: CenterEvent[] = [];
    const snapshots: Snapshot[] = [];
    let live!: () => void;
    const ready = new Promise<void>((resolve) => (live = resolve));
    const s = new EventStream({
      url: t.url.replace('http', 'ws') + '/v1/events',
      token,
      since,
      connect: (url) => new WebSocket(url) as never,
      onEvent: (e) => events.push(e),
      onSnapshot: (snap) => snapshots.push(snap),
      onStatus: (status) => status === 'live' && live(),
      reconnectMs: 50,
    });
    s.start();
    return { s, events, snapshots, ready };
  }
  const until = async (check: () => boolean, ms = 3000) => {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('pushes calls to the displays of their hall and resumes from the last sequence number', async () => {
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const hall1 = await pairDevice(t.admin, { role: 'display', name: 'Hall 1', hallIds: ['hall-1'] });
    const hall2 = await pairDevice(t.admin, { role: 'display', name: 'Hall 2', hallIds: ['hall-2'] });
    const aysel = await loginStaff(t.admin, 'staff-aysel', 'aysel');
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'open' } });

    const d1 = stream(hall1.options.token!);
    const d2 = stream(hall2.options.token!);
    await Promise.all([d1.ready, d2.ready]);
    expect(d1.snapshots[0]!.counters.every((c) => c.hallId === 'hall-1')).toBe(true);

    for (let i = 0; i < 3; i++)
      await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } });
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } });
    await until(() => d1.events.some((e) => e.type === 'ticket.called'));
    const called = d1.events.find((e) => e.type === 'ticket.called')!;
    expect(called).toMatchObject({ number: 'A-001', counterNumber: 1, hallId: 'hall-1' });
    expect(d2.events.filter((e) => e.type === 'ticket.called')).toEqual([]);
    expect(d1.events.some((e) => ['ticket.issued', 'lease.granted', 'device.paired'].includes(e.type))).toBe(
      false,
    );

    // The display goes away; calls go on; it comes back with its last sequence number.
    const seen = d1.s.lastSeq;
    d1.s.close();
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'start' } });
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'finish' } });
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } });
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'recall' } });
    const back = stream(hall1.options.token!, seen);
    await back.ready;
    await until(() => back.events.some((e) => e.type === 'ticket.recalled'));
    expect(back.snapshots).toEqual([]);
    expect(back.events.map((e) => e.type)).toEqual([
      'ticket.started',
      'ticket.finished',
      'ticket.called',
      'ticket.recalled',
    ]);
    expect(back.events.every((e) => e.seq > seen)).toBe(true);
    const seqs = back.events.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    back.s.close();
    d2.s.close();
  });

  it('refuses a stream without a valid token or from a kiosk', async () => {
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    for (const token of ['not-a-token', kiosk.options.token!]) {
      const ws = new WebSocket(t.url.replace('http', 'ws') + '/v1/events');
      const reply = await new Promise<string>((resolve) => {
        ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: 1, token })));
        ws.on('message', (m) => resolve(String(m)));
      });
      expect(JSON.parse(reply)).toMatchObject({
        type: 'error',
        error: { code: expect.stringMatching(/unauthorized|forbidden/) },
      });
      ws.close();
    }
  });
});

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
