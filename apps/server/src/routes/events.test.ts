import { EventStream, type CenterEvent, type HallWaiting, type Snapshot } from '@novbe/protocol';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loginStaff, pairDevice, startTestServer, type TestServer } from '../testing';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t?.close();
});

describe('live events', () => {
  function stream(token: string, since = 0) {
    const events: CenterEvent[] = [];
    const snapshots: Snapshot[] = [];
    const waiting: HallWaiting[] = [];
    let live!: () => void;
    const ready = new Promise<void>((resolve) => (live = resolve));
    const s = new EventStream({
      url: t.url.replace('http', 'ws') + '/v1/events',
      token,
      since,
      connect: (url) => new WebSocket(url) as never,
      onEvent: (e) => events.push(e),
      onSnapshot: (snap) => snapshots.push(snap),
      onWaiting: (w) => waiting.push(w),
      onStatus: (status) => status === 'live' && live(),
      reconnectMs: 50,
    });
    s.start();
    return { s, events, snapshots, waiting, ready };
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

  it("tells screens how many wait in their halls, and calls in the citizen's language", async () => {
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const hall1 = await pairDevice(t.admin, { role: 'display', name: 'Hall 1', hallIds: ['hall-1'] });
    const aysel = await loginStaff(t.admin, 'staff-aysel', 'aysel');
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'open' } });
    for (const language of ['ru', 'en'] as const)
      await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language } });
    // A ticket of the other hall is not counted here.
    await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'tax-tin', language: 'az' } });

    const d = stream(hall1.options.token!);
    await d.ready;
    await until(() => d.waiting.length > 0);
    expect(d.snapshots[0]!.waiting).toEqual([{ hallId: 'hall-1', count: 2 }]);
    expect(d.waiting[0]).toEqual([{ hallId: 'hall-1', count: 2 }]);

    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } });
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'recall' } });
    await until(() => d.events.some((e) => e.type === 'ticket.recalled'));
    expect(d.events.map((e) => [e.type, 'language' in e ? e.language : null])).toEqual([
      ['ticket.called', 'ru'],
      ['ticket.recalled', 'ru'],
    ]);
    // The count follows within the stream's tick (every 2 s), and only when it changed.
    await until(() => d.waiting.length === 2, 6000);
    expect(d.waiting[1]).toEqual([{ hallId: 'hall-1', count: 1 }]);
    const snapshot = await hall1.snapshot();
    expect(snapshot.recentCalls[0]).toMatchObject({
      number: 'A-001',
      counterId: 'counter-1',
      language: 'ru',
    });
    d.s.close();
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
