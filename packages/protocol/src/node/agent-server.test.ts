import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectAgent, type HandlerMap } from '../agent-rpc';
import { serveAgent, type AgentServer } from './agent-server';

type Handlers = {
  add: (p: { a: number; b: number }) => Promise<number>;
  fail: () => Promise<never>;
};

let server: AgentServer<{ type: 'tick'; n: number }> | undefined;
afterEach(async () => server?.close());

const handlers: Handlers = {
  add: async ({ a, b }) => a + b,
  fail: async () => {
    throw new Error('printer on fire');
  },
};

describe('agent RPC over a loopback WebSocket', () => {
  it('calls handlers, returns results and errors as values, and pushes events', async () => {
    server = await serveAgent(handlers as unknown as HandlerMap);
    const bridge = connectAgent<Handlers, { type: 'tick'; n: number }>(
      new WebSocket(server.url) as never,
      server.token,
    );
    const events: number[] = [];
    bridge.subscribe((e) => events.push(e.n));
    expect(await bridge.invoke('add', { a: 2, b: 3 })).toEqual({ ok: true, value: 5 });
    expect(await bridge.invoke('fail')).toEqual({
      ok: false,
      error: { code: 'internal', message: 'printer on fire' },
    });
    const untyped = bridge.invoke as unknown as (method: string) => Promise<unknown>;
    expect(await untyped('nope')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    server.publish({ type: 'tick', n: 7 });
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual([7]);
  });

  it('refuses a client without the per-boot token', async () => {
    server = await serveAgent(handlers as unknown as HandlerMap);
    const ws = new WebSocket(server.url);
    const reply = await new Promise<string>((resolve) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', token: 'x'.repeat(20) })));
      ws.on('message', (m) => resolve(String(m)));
    });
    expect(JSON.parse(reply)).toMatchObject({ type: 'error', error: { code: 'unauthorized' } });
    expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
  });
});
