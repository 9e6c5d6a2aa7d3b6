import type { KioskBridge, KioskEvent } from '@novbe/protocol';
import { IPC_EVENT, IPC_INVOKE } from '@novbe/protocol';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, fakeAppPage, type FakeWebContents } from '@novbe/appliance/testing';
import { KIOSK_METHODS } from './kiosk-methods';
import { KIOSK_SITE } from './kiosk-site';
import { READY_STATUS, sampleAgent } from './testing/sample-handlers';

vi.mock('electron', async () => (await import('@novbe/appliance/testing')).electronModule);

describe('preload', () => {
  let bridge: KioskBridge;
  let page: FakeWebContents;
  let agent: ReturnType<typeof sampleAgent>;

  beforeAll(async () => {
    fake.reset();
    await import('./preload');
    bridge = fake.exposed.get('novbeKiosk') as KioskBridge;
  });
  beforeEach(async () => {
    fake.ipcMain.handlers.clear();
    fake.ipcRenderer.removeAllListeners();
    agent = sampleAgent();
    page = await fakeAppPage({ site: KIOSK_SITE, methods: KIOSK_METHODS, handlers: agent.handlers });
  });

  it('exposes exactly invoke and subscribe as window.novbeKiosk', () => {
    expect([...fake.exposed.keys()]).toEqual(['novbeKiosk']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('invokes the agent through the main process and answers its Result', async () => {
    expect(await bridge.invoke('kiosk-status')).toEqual({ ok: true, value: READY_STATUS });
    expect(await bridge.invoke('service-info', 'svc-passport')).toEqual({
      ok: true,
      value: { serviceId: 'svc-passport', waiting: 3, estimate: null },
    });
    expect(await bridge.invoke('card-scan', { timeoutMs: 15_000 })).toEqual({
      ok: true,
      value: { status: 'timeout' },
    });
  });

  it('refuses a method the agent does not have before it reaches the main process', async () => {
    const spy = vi.spyOn(fake.ipcRenderer, 'invoke');
    const invoke = bridge.invoke as (method: string, params?: unknown) => Promise<unknown>;
    for (const method of ['shell-exec', 'toString', '__proto__', ''])
      expect(await invoke(method), method).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(spy).not.toHaveBeenCalled();
    for (const method of KIOSK_METHODS.names) {
      const params = method === 'ticket-issue' ? { serviceId: 's', language: 'en' } : undefined;
      await invoke(method, params);
      expect(spy).toHaveBeenLastCalledWith(IPC_INVOKE, method, params);
    }
    spy.mockRestore();
  });

  it('answers an internal error result when the main process has no handler', async () => {
    fake.ipcMain.handlers.clear();
    expect(await bridge.invoke('kiosk-status')).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers agent events to subscribers, the event only, until they unsubscribe', () => {
    const heard: unknown[][] = [];
    const stop = bridge.subscribe((...args: unknown[]) => heard.push(args));
    const event: KioskEvent = {
      type: 'status',
      status: { ...READY_STATUS, printer: 'paper-out', inService: false, reason: 'paper-out' },
    };
    page.send(IPC_EVENT, event);
    expect(heard).toEqual([[event]]);
    stop();
    page.send(IPC_EVENT, event);
    expect(heard).toHaveLength(1);
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT)).toBe(0);
  });

  it('refuses a subscriber that is not a function', () => {
    expect(() => bridge.subscribe('x' as never)).toThrow(TypeError);
  });
});
