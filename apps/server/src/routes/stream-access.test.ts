import { createCenterClient, PROTOCOL_VERSION, type StreamMessage } from '@novbe/protocol';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loginStaff, pairDevice, startTestServer, type TestServer } from '../testing';

let t: TestServer;
afterEach(async () => t?.close());

/** A raw event stream: every message kept; `live` once the head follows the replay or snapshot. */
function openStream(token: string, options: { since?: number; neverRead?: boolean } = {}) {
  const ws = new WebSocket(t.url.replace('http', 'ws') + '/v1/events');
  const messages: StreamMessage[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const live = new Promise<void>((resolve) =>
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as StreamMessage;
      messages.push(m);
      if (m.type === 'waiting') resolve();
    }),
  );
  ws.on('open', () => {
    // A client that stops reading: the kernel's buffers fill, then the server's.
    if (options.neverRead) (ws as unknown as { _socket: Socket })._socket.pause();
    ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token, since: options.since ?? 0 }));
  });
  const events = () => messages.flatMap((m) => (m.type === 'events' ? m.events : []));
  return { ws, messages, closed, live, events };
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', t.url))).text();
  return Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
}
const openStreams = () => metric('novbe_event_stream_clients');

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; !(await check()); i++) {
    if (i > 500) throw new Error('the condition never came');
    await new Promise((r) => setTimeout(r, 10));
  }
}
const token = (c: { options: { token?: string } }) => c.options.token!;

describe('event streams end with the access they were opened with', () => {
  it('revoking a device closes its streams, and only its', async () => {
    t = await startTestServer();
    const [one, two] = await Promise.all(
      ['Hall 1', 'Hall 2'].map((name) => pairDevice(t.admin, { role: 'display', name })),
    );
    const s1 = openStream(token(one!));
    const s2 = openStream(token(two!));
    await Promise.all([s1.live, s2.live]);
    expect(s1.messages.map((m) => m.type)).toEqual(['welcome', 'snapshot', 'head', 'waiting']);
    const id = (await t.admin.listDevices()).find((d) => d.name === 'Hall 1')!.id;
    await t.admin.revokeDevice({ params: { id } });
    expect(await s1.closed).toEqual({ code: 1008, reason: 'device-revoked' });
    expect(s1.messages.at(-1)).toEqual({
      type: 'error',
      error: { code: 'unauthorized', message: 'this device was revoked' },
    });
    // The other display still hears what happens.
    const aysel = await loginStaff(t.admin, 'staff-aysel', 'aysel');
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'open' } });
    await until(() => s2.events().some((e) => e.type === 'counter.opened'));
    expect(s2.ws.readyState).toBe(WebSocket.OPEN);
    s2.ws.close();
  });

  it('logging out closes that session’s streams; a password reset closes every stream of that staff member', async () => {
    t = await startTestServer();
    const first = await loginStaff(t.admin, 'staff-aysel', 'aysel');
    const login = await createCenterClient({ baseUrl: t.url }).login({
      body: { login: 'aysel', password: 'aysel-password' },
    });
    const streams = [token(first), login.token, token(t.admin)].map((k) => openStream(k));
    const [a1, a2, admin] = streams as [
      ReturnType<typeof openStream>,
      ReturnType<typeof openStream>,
      ReturnType<typeof openStream>,
    ];
    await Promise.all(streams.map((s) => s.live));

    await first.logout();
    expect(await a1.closed).toEqual({ code: 1008, reason: 'logged-out' });
    expect(a2.ws.readyState).toBe(WebSocket.OPEN);

    await t.admin.setStaffPassword({ params: { id: 'staff-aysel' }, body: { password: 'a-new-password' } });
    expect(await a2.closed).toEqual({ code: 1008, reason: 'password-reset' });
    expect(a2.messages.at(-1)).toMatchObject({ type: 'error', error: { code: 'unauthorized' } });
    expect(admin.ws.readyState).toBe(WebSocket.OPEN);
    expect(await openStreams()).toBe(1);
    admin.ws.close();
  });
});

describe('bounded streams', () => {
  it('caps the streams one principal holds open; others are not held up', async () => {
    t = await startTestServer({ config: { streamsPerPrincipal: 2 } });
    const display = token(await pairDevice(t.admin, { role: 'display', name: 'Hall' }));
    const [s1, s2] = [openStream(display), openStream(display)];
    await Promise.all([s1.live, s2.live]);
    const s3 = openStream(display);
    expect(await s3.closed).toEqual({ code: 1008, reason: 'too-many-streams' });
    expect(s3.messages).toMatchObject([{ type: 'error', error: { code: 'too-many-requests' } }]);
    const admin = openStream(token(t.admin));
    await admin.live;
    s1.ws.close();
    await until(async () => (await openStreams()) === 2);
    const s4 = openStream(display);
    await s4.live;
    for (const s of [s2, s4, admin]) s.ws.close();
  });

  it('replays under the same send limit as live events: a client that never reads is dropped, one that reads gets it all', async () => {
    t = await startTestServer();
    // 20,000 events of today (the most a replay serves), ~9 MB as a stream sends them: more than
    // the kernel's socket buffers take on loopback (~4 MB) before the server's own fill.
    const { service } = t.server;
    for (let i = 0; i < 20; i++)
      service.commit(
        Array.from({ length: 1000 }, () => ({
          type: 'config.changed' as const,
          hallId: null,
          centerId: 'c'.repeat(400),
        })),
        Date.now(),
      );
    await service.published();
    const last = service.lastSeq();

    const reader = openStream(token(t.admin), { since: 1 });
    await reader.live;
    expect(reader.events().length).toBe(last - 1);

    const stalled = openStream(token(t.admin), { since: 1, neverRead: true });
    await until(async () => (await metric('novbe_event_streams_dropped_total')) === 1);
    expect(await openStreams()).toBe(1);
    stalled.ws.terminate();
    reader.ws.close();
  });
});
