/**
 * The clients of `bench:streams` (streams.ts): the center at work (a kiosk and the operators,
 * through the typed client) and event-stream clients that never read.
 */
import { counterRefusal, CenterIndex } from '@novbe/core';
import { exampleCenter } from '@novbe/core/fixtures';
import { createCenterClient, PROTOCOL_VERSION, type CenterClient } from '@novbe/protocol';
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ulid } from 'ulid';

/** Runs `work` over `items`, `width` at a time. */
export async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Each operator with the first free counter they may work (the center's own rules). */
function staffing(): [staffId: string, login: string, counterId: string][] {
  const index = new CenterIndex(exampleCenter);
  const taken = new Set<string>();
  return exampleCenter.staff.flatMap((s) => {
    const counter = exampleCenter.counters.find(
      (c) => !taken.has(c.id) && counterRefusal(index, s, c.id) === null,
    );
    if (!s.roles.includes('operator') || !counter) return [];
    taken.add(counter.id);
    return [[s.id, s.login, counter.id] as [string, string, string]];
  });
}

/** The center at work: a kiosk issues for the open counters' services, operators serve. */
export async function openCenter(url: string, adminPassword: string) {
  const anonymous = createCenterClient({ baseUrl: url });
  const admin = anonymous.withToken(
    (await anonymous.login({ body: { login: 'admin', password: adminPassword } })).token,
  );
  const { code } = await admin.createPairingCode({ body: { role: 'kiosk', name: 'Bench kiosk' } });
  const kiosk = admin.withToken((await anonymous.pair({ body: { code } })).token);
  const operators: { client: CenterClient; counterId: string }[] = [];
  for (const [staffId, login, counterId] of staffing()) {
    const password = `${login}-bench-password`;
    await admin.setStaffPassword({ params: { id: staffId }, body: { password } });
    const client = admin.withToken((await anonymous.login({ body: { login, password } })).token);
    await client.counterCommand({ params: { id: counterId }, body: { action: 'open' } });
    operators.push({ client, counterId });
  }
  const services = [
    ...new Set(operators.flatMap((o) => exampleCenter.counters.find((c) => c.id === o.counterId)!.services)),
  ].map((s) => s.serviceId);
  const issue = (i: number) =>
    kiosk.issueTicket({ body: { id: ulid(), serviceId: services[i % services.length]!, language: 'az' } });
  /**
   * Operators call, start and finish until their lines are empty; or, with `until`, one citizen
   * each every `paceMs` until then.
   */
  const serve = (until?: () => boolean, paceMs = 0) =>
    Promise.all(
      operators.map(async ({ client, counterId }) => {
        const command = (action: 'call-next' | 'start' | 'finish') =>
          client.counterCommand({ params: { id: counterId }, body: { action } });
        while (!until?.()) {
          if ((await command('call-next')).called) {
            await command('start');
            await command('finish');
          } else if (!until) return;
          if (paceMs) await sleep(paceMs);
        }
      }),
    );
  return { admin, issue, serve, operators: operators.length, services: services.length };
}

/**
 * A client that opens an event stream and never reads: the WebSocket handshake and a masked
 * hello frame written by hand, then nothing read, so the kernel's buffers fill, then the server's.
 */
export function neverReadingStream(port: number, token: string, since: number): Socket {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  const hello = Buffer.from(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token, since }));
  const mask = randomBytes(4);
  const header =
    hello.length < 126
      ? Buffer.from([0x81, 0x80 | hello.length])
      : Buffer.from([0x81, 0x80 | 126, hello.length >> 8, hello.length & 0xff]);
  socket.write(
    `GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  socket.write(Buffer.concat([header, mask, hello.map((b, i) => b ^ mask[i % 4]!)]));
  socket.pause();
  return socket;
}
