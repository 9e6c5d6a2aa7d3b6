import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startAgentDouble, type AgentDouble } from '../../tests/agent-double';
import type { AgentLink } from '../bridge/agent-link';
import { websocketLink } from '../bridge/websocket-link';
import { wireAgentLink } from './agent-wiring';
import { createKioskStore, type KioskStore } from './kiosk-store';
import { outOfService } from './out-of-service';

/** The store over a real WebSocket to the agent double, as in a browser (Node's `ws` as the socket). */
async function setUp(agent: AgentDouble) {
  const link: AgentLink = websocketLink(
    agent.url,
    agent.token,
    (url) => new WebSocket(url) as unknown as globalThis.WebSocket,
  );
  const store = createKioskStore({ bridge: link.bridge, config: { cardMs: 5_000 } });
  const unwire = wireAgentLink(link, store);
  cleanups.push(() => {
    unwire();
    link.close();
  });
  await until(store, (s) => outOfService(s) === null);
  return store;
}

async function until(store: KioskStore, ok: (s: ReturnType<KioskStore['getState']>) => boolean) {
  for (let i = 0; i < 200 && !ok(store.getState()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok(store.getState())).toBe(true);
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function agent(): Promise<AgentDouble> {
  const a = await startAgentDouble({ status: { cardReader: 'absent' } });
  cleanups.push(() => a.close());
  return a;
}

describe('the kiosk store', () => {
  it('loads status and catalogue from the agent, and follows status events', async () => {
    const a = await agent();
    const store = await setUp(a);
    expect(store.getState().catalog?.agencies).toHaveLength(10);
    a.setStatus({ inService: false, reason: 'paper-out', printer: 'paper-out' });
    await until(store, (s) => outOfService(s) === 'paper-out');
    a.setStatus({ inService: true, reason: null, printer: 'ready' });
    await until(store, (s) => outOfService(s) === null);
  });

  it('issues one ticket however fast "get a ticket" is touched twice', async () => {
    const a = await agent();
    const store = await setUp(a);
    const s = store.getState();
    s.start('ru');
    s.openAgency('dim');
    s.openService('dim-id-card');
    store.getState().requestTicket('dim-id-card');
    store.getState().requestTicket('dim-id-card');
    await until(store, (x) => x.screen.name === 'ticket');
    expect(a.callsOf('ticket-issue')).toEqual([{ serviceId: 'dim-id-card', language: 'ru' }]);
  });

  it('goes back through the screens it came from, and home ends the session', async () => {
    const a = await agent();
    const store = await setUp(a);
    const s = store.getState();
    s.start('en');
    s.toggleContrast();
    s.openAgency('tax');
    s.openService('tax-tin');
    a.failNextIssue('out-of-service');
    await store.getState().issue({ serviceId: 'tax-tin' });
    expect(store.getState().screen).toMatchObject({ name: 'issue-failed', failure: 'generic' });
    store.getState().back();
    expect(store.getState().screen).toEqual({ name: 'service', serviceId: 'tax-tin' });
    store.getState().back();
    expect(store.getState().screen).toEqual({ name: 'services', agencyId: 'tax' });
    store.getState().home();
    expect(store.getState()).toMatchObject({
      screen: { name: 'attract' },
      language: 'az',
      highContrast: false,
    });
  });

  it('shows the agent as unreachable when it goes, and recovers when it is back', async () => {
    const a = await startAgentDouble();
    const store = await setUp(a);
    const port = Number(new URL(a.url).port);
    await a.close();
    await until(store, (s) => outOfService(s) === 'agent-unreachable');
    // Calls while it is away answer at once instead of hanging.
    await store.getState().issue({ serviceId: 'tax-tin' });
    expect(store.getState().screen).toMatchObject({ name: 'issue-failed', failure: 'generic' });
    const back = await startAgentDouble({ port, token: a.token });
    cleanups.push(() => back.close());
    await until(store, (s) => outOfService(s) === null);
  });
});
