import type { IpcMain, WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '@novbe/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { appSite } from './app-protocol';
import { registerIpcCarrier, sendToPage } from './ipc-carrier';
import { asElectron } from './testing/as-electron';
import { FakeWebContents, fake, type FakeFrame } from './testing/fake-electron';
import { SAMPLE_METHODS, sampleAgent } from './testing/sample-agent';

const site = appSite('display');
const APP_INDEX_URL = `${site.indexUrl}?mode=hall&hall=h1`;

describe('registerIpcCarrier', () => {
  let page: FakeWebContents;
  let second: FakeWebContents;
  let agent: ReturnType<typeof sampleAgent>;
  let running: boolean;
  beforeEach(async () => {
    fake.reset();
    page = new FakeWebContents(fake);
    await page.loadURL(APP_INDEX_URL);
    second = new FakeWebContents(fake);
    await second.loadURL(`${site.indexUrl}?mode=counter&counter=c3`);
    agent = sampleAgent();
    running = true;
    registerIpcCarrier(asElectron<IpcMain>(fake.ipcMain), {
      site,
      methods: SAMPLE_METHODS,
      handlers: () => (running ? agent.handlers : null),
      senders: () => [asElectron<WebContents>(page), asElectron<WebContents>(second), null],
      toError: (e) => ({ code: 'out-of-service', message: `mapped: ${(e as Error).message}` }),
      agentName: 'the display agent',
    });
  });
  const call = (method: unknown, params?: unknown, from = page, frame: FakeFrame | null = from.mainFrame) =>
    fake.ipcMain.invokeFrom(from, frame, IPC_INVOKE, method, params);

  it('reaches the handler map from any of the windows and answers a Result', async () => {
    expect(await call('echo-status')).toEqual({ ok: true, value: { ready: true } });
    expect(await call('echo-params', { text: 'ə' }, second)).toEqual({ ok: true, value: { text: 'ə' } });
    expect(agent.calls).toEqual([
      { method: 'echo-status', params: undefined },
      { method: 'echo-params', params: { text: 'ə' } },
    ]);
  });

  it('turns a thrown error into a coded result through toError', async () => {
    expect(await call('echo-fail')).toEqual({
      ok: false,
      error: { code: 'out-of-service', message: 'mapped: nothing to answer yet' },
    });
  });

  it('answers not-found for a method the agent does not have, even an inherited one', async () => {
    for (const method of ['ticket-delete', 'toString', '__proto__', 'constructor', 42, null])
      expect(await call(method), String(method)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(agent.calls).toEqual([]);
  });

  it('refuses a foreign sender: another webContents, a subframe, a page of another origin', async () => {
    const other = new FakeWebContents(fake);
    await other.loadURL(APP_INDEX_URL);
    const forbidden = { ok: false, error: { code: 'forbidden' } };
    expect(await call('echo-status', undefined, other)).toMatchObject(forbidden);
    expect(
      await call('echo-status', undefined, page, { url: APP_INDEX_URL, parent: page.mainFrame }),
    ).toMatchObject(forbidden);
    expect(await call('echo-status', undefined, page, null)).toMatchObject(forbidden);
    page.url = 'https://example.com/';
    expect(await call('echo-status')).toMatchObject(forbidden);
    page.url = 'novbe://kiosk/index.html';
    expect(await call('echo-status')).toMatchObject(forbidden);
    page.url = 'file:///opt/novbe-display/renderer/dist/index.html';
    expect(await call('echo-status')).toMatchObject(forbidden);
    second.destroyed = true;
    expect(await call('echo-status', undefined, second)).toMatchObject(forbidden);
    expect(agent.calls).toEqual([]);
  });

  it('answers out-of-service while no agent runs', async () => {
    running = false;
    expect(await call('echo-status')).toMatchObject({
      ok: false,
      error: { code: 'out-of-service', message: 'the display agent is not running' },
    });
  });

  it('stops answering once removed', async () => {
    fake.ipcMain.handlers.clear();
    const remove = registerIpcCarrier(asElectron<IpcMain>(fake.ipcMain), {
      site,
      methods: SAMPLE_METHODS,
      handlers: () => agent.handlers,
      senders: () => [asElectron<WebContents>(page)],
    });
    remove();
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});

describe('sendToPage', () => {
  it('sends on the event channel, and not to a destroyed page', () => {
    fake.reset();
    const page = new FakeWebContents(fake);
    const event = { type: 'status', ready: true };
    expect(sendToPage(asElectron<WebContents>(page), event)).toBe(true);
    expect(page.sent).toEqual([{ channel: IPC_EVENT, args: [event] }]);
    page.destroyed = true;
    expect(sendToPage(asElectron<WebContents>(page), event)).toBe(false);
    expect(sendToPage(null, event)).toBe(false);
    expect(page.sent).toHaveLength(1);
  });
});
