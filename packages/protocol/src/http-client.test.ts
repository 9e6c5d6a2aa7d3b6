import { createHook } from 'node:async_hooks';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ReasonCode } from './errors';
import { contract } from './contract';
import { createCenterClient, type HttpFetch } from './http-client';
import { PROTOCOL_VERSION } from './version';

let server: Server | null = null;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = null;
});

/** A real HTTP server on loopback; `answer` false holds every request unanswered. */
async function listen(answer: boolean): Promise<string> {
  server = createServer((_req, res) => {
    if (answer)
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'ok', protocol: PROTOCOL_VERSION, seq: 7 }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

/** Timers of `ms` started and not yet cleared or fired (an unref'd one included). */
function liveTimers(ms: number) {
  const live = new Set<number>();
  const hook = createHook({
    init: (id, type, _trigger, timer) =>
      void (type === 'Timeout' && (timer as { _idleTimeout?: number })._idleTimeout === ms && live.add(id)),
    destroy: (id) => void live.delete(id),
  }).enable();
  return { count: () => live.size, stop: () => hook.disable() };
}

describe('typed HTTP client', () => {
  it('gives up on a server that does not answer in time, with a clear reason', async () => {
    const client = createCenterClient({ baseUrl: await listen(false), timeoutMs: 150 });
    await expect(client.health()).rejects.toMatchObject({
      code: ReasonCode.StorageUnavailable,
      message: expect.stringMatching(/server unreachable: the server did not answer in time/),
    });
  });

  it('leaves no timer behind once answered', async () => {
    const client = createCenterClient({ baseUrl: await listen(true), timeoutMs: 60_000 });
    const timers = liveTimers(60_000);
    for (let i = 0; i < 20; i++) expect(await client.health()).toEqual({ status: 'ok', protocol: 1, seq: 7 });
    await new Promise((resolve) => setImmediate(resolve));
    timers.stop();
    expect(timers.count()).toBe(0);
  });

  it('takes a fetch of its own, asking it only for what the client reads', async () => {
    const seen: Parameters<HttpFetch>[] = [];
    const fetch: HttpFetch = async (url, init) => {
      seen.push([url, init]);
      return {
        ok: true,
        status: 200,
        headers: { get: () => null },
        text: async () => JSON.stringify({ status: 'ok', protocol: PROTOCOL_VERSION, seq: 3 }),
      };
    };
    const client = createCenterClient({ baseUrl: 'http://center.local:8080', token: 't0k', fetch });
    expect(await client.health()).toMatchObject({ seq: 3 });
    const [url, init] = seen[0]!;
    expect(url.href).toBe('http://center.local:8080/health');
    expect(init).toMatchObject({ method: 'GET', headers: { authorization: 'Bearer t0k' } });
    expect(init.signal.aborted).toBe(false);
  });

  it('has a method for every route of the contract, filling in path, query and body', async () => {
    const seen: { url: string; method: string; body?: string | undefined }[] = [];
    let answer: unknown = null;
    const fetch: HttpFetch = async (url, init) => {
      seen.push({ url: url.href, method: init.method, body: init.body });
      const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
      return { ok: true, status: 200, headers: { get: () => null }, text: async () => text };
    };
    const client = createCenterClient({ baseUrl: 'http://center.local:8080', fetch });
    for (const name of Object.keys(contract))
      expect(typeof client[name as keyof typeof contract]).toBe('function');

    answer = { serviceId: 'a b', waiting: 2, estimate: null };
    await client.serviceEstimate({ params: { id: 'a b' }, query: { priority: 'priority' } });
    expect(seen.at(-1)).toMatchObject({
      url: 'http://center.local:8080/v1/services/a%20b/estimate?priority=priority',
      method: 'GET',
      body: undefined,
    });
    answer = 'service_id,code\r\n';
    expect(await client.statisticsCsv({ params: { table: 'services' }, query: { language: 'ru' } })).toBe(
      answer,
    );
    expect(seen.at(-1)!.url).toBe('http://center.local:8080/v1/statistics/services.csv?language=ru');
    answer = { ok: true };
    await client.setStaffPassword({ params: { id: 'aysel' }, body: { password: 'long-enough' } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: '{"password":"long-enough"}' });
  });

  it('checks a request before sending it and an answer before returning it', async () => {
    let sent = 0;
    const fetch: HttpFetch = async () => {
      sent++;
      return { ok: true, status: 200, headers: { get: () => null }, text: async () => '{"status":"ok"}' };
    };
    const client = createCenterClient({ baseUrl: 'http://center.local:8080', fetch });
    await expect(client.login({ body: { login: '', password: 'x' } })).rejects.toThrow(/login/);
    expect(sent).toBe(0);
    await expect(client.health()).rejects.toThrow(/protocol/);
    expect(sent).toBe(1);
  });
});
