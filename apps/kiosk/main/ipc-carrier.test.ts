import type { IpcMain, WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '@novbe/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from './app-protocol';
import { registerIpcCarrier, sendToPage } from './ipc-carrier';
import { asElectron } from './testing/as-electron';
import { FakeWebContents, fake, type FakeFrame } from './testing/fake-electron';
import { READY_STATUS, sampleAgent } from './testing/sample-handlers';

describe('registerIpcCarrier', () => {
  let page: FakeWebContents;
  let agent: ReturnType<typeof sampleAgent>;
  let running: boolean;
  beforeEach(async () => {
    fake.reset();
    page = new FakeWebContents(fake);
    await page.loadURL(APP_INDEX_URL);
    agent = sampleAgent();
    running = true;
    registerIpcCarrier(asElectron<IpcMain>(fake.ipcMain), {
      handlers: () => (running ? agent.handlers : null),
      contents: () => asElectron<WebContents>(page),
      toError: (e) => ({ code: 'out-of-service', message: `mapped: ${(e as Error).message}` }),
    });
  });
  const call = (method: unknown, params?: unknown, from = page, frame: FakeFrame | null = from.mainFrame) =>
    fake.ipcMain.invokeFrom(from, frame, IPC_INVOKE, method, params);

  it('reaches the handler map and answers a Result', async () => {
    expect(await call('kiosk-status')).toEqual({ ok: true, value: READY_STATUS });
    const issue = { serviceId: 'svc-passport', language: 'az' };
    expect(await call('ticket-issue', issue)).toMatchObject({
      ok: true,
      value: { number: 'A-042', language: 'az' },
    });
    expect(agent.calls).toEqual([
      { method: 'kiosk-status', params: undefined },
      { method: 'ticket-issue', params: issue },
    ]);
  });

  it('turns a thrown error into a coded result through toError', async () => {
    expect(await call('kiosk-catalog')).toEqual({
      ok: false,
      error: { code: 'out-of-service', message: 'mapped: no center configuration cached yet' },
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
    expect(await call('kiosk-status', undefined, other)).toMatchObject(forbidden);
    expect(
      await call('kiosk-status', undefined, page, { url: APP_INDEX_URL, parent: page.mainFrame }),
    ).toMatchObject(forbidden);
    expect(await call('kiosk-status', undefined, page, null)).toMatchObject(forbidden);
    page.url = 'https://example.com/';
    expect(await call('kiosk-status')).toMatchObject(forbidden);
    page.url = 'file:///opt/novbe-kiosk/renderer/dist/index.html';
    expect(await call('kiosk-status')).toMatchObject(forbidden);
    expect(agent.calls).toEqual([]);
  });

  it('answers out-of-service while no agent runs', async () => {
    running = false;
    expect(await call('kiosk-status')).toMatchObject({ ok: false, error: { code: 'out-of-service' } });
  });
});

describe('sendToPage', () => {
  it('sends on the event channel, and not to a destroyed page', () => {
    fake.reset();
    const page = new FakeWebContents(fake);
    const event = { type: 'status', status: READY_STATUS };
    expect(sendToPage(asElectron<WebContents>(page), event)).toBe(true);
    expect(page.sent).toEqual([{ channel: IPC_EVENT, args: [event] }]);
    page.destroyed = true;
    expect(sendToPage(asElectron<WebContents>(page), event)).toBe(false);
    expect(sendToPage(null, event)).toBe(false);
    expect(page.sent).toHaveLength(1);
  });
});
