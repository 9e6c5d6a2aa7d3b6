import type { DisplayBridge, DisplayEvent } from '@novbe/protocol';
import { IPC_EVENT, IPC_INVOKE } from '@novbe/protocol';
import { fake, fakeAppPage, type FakeWebContents } from '@novbe/appliance/testing';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DISPLAY_METHODS } from './display-methods';
import { DISPLAY_SITE } from './display-site';
import { SERVER_URL, sampleDisplayAgent } from './testing/sample-display-agent';

vi.mock('electron', async () => (await import('@novbe/appliance/testing')).electronModule);

describe('display preload', () => {
  let bridge: DisplayBridge;
  let page: FakeWebContents;
  let agent: ReturnType<typeof sampleDisplayAgent>;

  beforeAll(async () => {
    fake.reset();
    await import('./preload');
    bridge = fake.exposed.get('novbeDisplay') as DisplayBridge;
  });
  beforeEach(async () => {
    fake.ipcMain.handlers.clear();
    fake.ipcRenderer.removeAllListeners();
    agent = sampleDisplayAgent();
    page = await fakeAppPage({
      site: DISPLAY_SITE,
      methods: DISPLAY_METHODS,
      handlers: agent.handlers,
      url: `${DISPLAY_SITE.indexUrl}?mode=hall&hall=h1`,
      toError: agent.errorBody,
    });
  });

  it('exposes exactly invoke and subscribe as window.novbeDisplay', () => {
    expect([...fake.exposed.keys()]).toEqual(['novbeDisplay']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
  });

  it("invokes the display agent's methods and answers their Result", async () => {
    expect(await bridge.invoke('screen-setup')).toEqual({
      ok: true,
      value: { serverUrl: SERVER_URL, token: null },
    });
    expect(await bridge.invoke('screen-pair', { code: '12345678' })).toEqual({
      ok: true,
      value: { serverUrl: SERVER_URL, token: 'display-token' },
    });
    expect(await bridge.invoke('screen-pair', { code: 'nope' })).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'not a pairing code' },
    });
  });

  it('refuses a method the agent does not have before it reaches the main process', async () => {
    const spy = vi.spyOn(fake.ipcRenderer, 'invoke');
    const invoke = bridge.invoke as (method: string, params?: unknown) => Promise<unknown>;
    for (const method of ['kiosk-status', 'ticket-issue', 'toString', '__proto__', ''])
      expect(await invoke(method), method).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(spy).not.toHaveBeenCalled();
    for (const method of DISPLAY_METHODS.names) {
      const params = method === 'screen-pair' ? { code: '12345678' } : undefined;
      await invoke(method, params);
      expect(spy).toHaveBeenLastCalledWith(IPC_INVOKE, method, params);
    }
    expect(agent.calls.map((c) => c.method)).toEqual(['screen-setup', 'screen-pair']);
    spy.mockRestore();
  });

  it('answers an internal error result when the main process has no handler', async () => {
    fake.ipcMain.handlers.clear();
    expect(await bridge.invoke('screen-setup')).toEqual({
      ok: false,
      error: { code: 'internal', message: 'the display agent is not reachable' },
    });
  });

  it('delivers agent events to subscribers, the event only, until they unsubscribe', () => {
    const heard: unknown[][] = [];
    const stop = bridge.subscribe((...args: unknown[]) => heard.push(args));
    const event: DisplayEvent = { type: 'status', status: { link: 'live', boardsOffline: [3], keypads: [] } };
    page.send(IPC_EVENT, event);
    expect(heard).toEqual([[event]]);
    stop();
    page.send(IPC_EVENT, event);
    expect(heard).toHaveLength(1);
  });
});
