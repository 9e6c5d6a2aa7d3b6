import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KioskBridge, KioskEvent } from '@novbe/protocol';
import { IPC_EVENT, IPC_INVOKE } from '@novbe/protocol';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME } from '@novbe/appliance';
import { fake, FakeWebContents } from '@novbe/appliance/testing';
import { KIOSK_AUTOSTART, KIOSK_CSP, KIOSK_SITE } from './kiosk-site';
import { startKioskShell, type KioskShellOptions } from './shell';
import { READY_STATUS, sampleAgent } from './testing/sample-handlers';

vi.mock('electron', async () => (await import('@novbe/appliance/testing')).electronModule);

const APP_INDEX_URL = KIOSK_SITE.indexUrl;
const DESKTOP_ENTRY_NAME = KIOSK_AUTOSTART.fileName;

const QUICK = { reloadDelaysMs: [1], maxLosses: 2, windowMs: 60_000, hangGraceMs: 5 };

describe('startKioskShell', () => {
  let bridge: KioskBridge;
  let root: string;
  let rendererDir: string;
  let agent: ReturnType<typeof sampleAgent>;
  const cwd = process.cwd();

  beforeAll(async () => {
    fake.reset();
    await import('./preload');
    bridge = fake.exposed.get('novbeKiosk') as KioskBridge;
  });
  beforeEach(async () => {
    fake.reset();
    fake.exposed.set('novbeKiosk', bridge);
    root = await realpath(await mkdtemp(join(tmpdir(), 'novbe-shell-')));
    rendererDir = join(root, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Növbə</title>');
    fake.app.appPath = join(root, 'app');
    fake.app.paths.set('userData', join(root, 'user-data'));
    agent = sampleAgent();
  });
  afterEach(async () => {
    process.chdir(cwd);
    await rm(root, { recursive: true, force: true });
  });

  /** Starts the shell as Electron would: the module runs, then the app becomes ready. */
  async function start(options: Partial<KioskShellOptions> = {}, env: NodeJS.ProcessEnv = {}) {
    const started = startKioskShell({
      startAgent: () => agent,
      env: { NOVBE_KIOSK_RENDERER_DIR: rendererDir, HOME: root, ...env },
      recovery: QUICK,
      ...options,
    });
    await sleep(0);
    fake.app.fireReady();
    const shell = await started;
    const window = fake.windows[0]!;
    fake.preloadContents = window?.webContents ?? null;
    return { shell, window };
  }

  it('registers the scheme and touch switches before ready, then opens the locked-down kiosk window', async () => {
    const started = startKioskShell({
      startAgent: () => agent,
      env: { NOVBE_KIOSK_RENDERER_DIR: rendererDir },
    });
    await sleep(0);
    expect(fake.privilegedSchemes).toEqual([
      {
        scheme: APP_SCHEME,
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
    expect(fake.app.switches).toEqual([
      ['disable-pinch', undefined],
      ['overscroll-history-navigation', '0'],
    ]);
    expect(fake.windows).toHaveLength(0);
    fake.app.fireReady();
    await started;

    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0]!;
    expect(window.options).toMatchObject({
      fullscreen: true,
      kiosk: true,
      frame: false,
      width: 1080,
      height: 1920,
    });
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: true, // not packaged
      spellcheck: false,
      preload: join(root, 'app', 'main', 'dist', 'preload.cjs'),
    });
    expect(window.webContents.loads).toEqual([APP_INDEX_URL]);
    expect(fake.applicationMenu).toBeNull();
    expect(window.webContents.visualZoomLimits).toEqual([1, 1]);
    expect(window.webContents.fire('will-navigate', { url: 'https://example.com/' })).toBe(true);

    const page = await fake.fetch(APP_INDEX_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(KIOSK_CSP);
    expect(await page.text()).toContain('Növbə');

    let granted: boolean | undefined;
    fake.session.defaultSession.permissionRequestHandler?.(null, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    // Any other webContents the app makes is refused pop-ups too.
    const other = new fake.BrowserWindow({});
    expect(other.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('quits at once when another kiosk instance holds the lock; the first one comes to the front', async () => {
    fake.app.hasSingleInstanceLock = false;
    const shell = await startKioskShell({ startAgent: () => agent, env: {} });
    expect(shell).toBeNull();
    expect(fake.app.quitRequests).toBe(1);
    expect(fake.windows).toHaveLength(0);

    fake.reset();
    const { window } = await start();
    window.minimized = true;
    fake.app.emit('second-instance', {}, ['/opt/kiosk'], root);
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('carries page calls to the agent over IPC and agent events to the page', async () => {
    const { window } = await start();
    const heard: KioskEvent[] = [];
    const stop = bridge.subscribe((event) => heard.push(event));
    expect(await bridge.invoke('kiosk-status')).toEqual({ ok: true, value: READY_STATUS });
    expect(await bridge.invoke('ticket-issue', { serviceId: 'svc-passport', language: 'ru' })).toMatchObject({
      ok: true,
      value: { number: 'A-042', language: 'ru' },
    });
    expect(await bridge.invoke('kiosk-catalog')).toEqual({
      ok: false,
      error: { code: 'internal', message: 'internal error in the kiosk agent' },
    });
    // Right after the start the page is told the agent's status (it may have asked too early).
    expect(window.webContents.sent[0]).toEqual({
      channel: IPC_EVENT,
      args: [{ type: 'status', status: READY_STATUS }],
    });
    expect(heard).toEqual([]);
    const paperOut: KioskEvent = {
      type: 'status',
      status: { ...READY_STATUS, inService: false, reason: 'paper-out', printer: 'paper-out' },
    };
    agent.emit(paperOut);
    expect(heard.at(-1)).toEqual(paperOut);
    expect(window.webContents.sent.at(-1)).toEqual({ channel: IPC_EVENT, args: [paperOut] });
    stop();

    // Another page (say, a devtools or a stray window) is refused.
    const stranger = new FakeWebContents(fake);
    await stranger.loadURL(APP_INDEX_URL);
    expect(
      await fake.ipcMain.invokeFrom(stranger, stranger.mainFrame, IPC_INVOKE, 'kiosk-status'),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('answers out-of-service while the agent cannot start, retries, and tells the page once it runs', async () => {
    let attempts = 0;
    await start({
      agentRetryMs: [20],
      startAgent: () => {
        if (++attempts < 3) throw new Error('database is locked');
        return agent;
      },
    });
    expect(await bridge.invoke('kiosk-status')).toMatchObject({
      ok: false,
      error: { code: 'out-of-service' },
    });
    const heard: KioskEvent[] = [];
    bridge.subscribe((event) => heard.push(event));
    await vi.waitFor(() => expect(attempts).toBe(3), { timeout: 2000, interval: 5 });
    expect(await bridge.invoke('kiosk-status')).toEqual({ ok: true, value: READY_STATUS });
    expect(heard).toEqual([{ type: 'status', status: READY_STATUS }]);
  });

  it('holds calls made while the agent is starting until it is up', async () => {
    let release!: () => void;
    const ready = new Promise<void>((resolve) => (release = resolve));
    await start({ startAgent: () => ready.then(() => agent) });
    const pending = bridge.invoke('service-info', 'svc-passport');
    await sleep(10);
    release();
    expect(await pending).toMatchObject({ ok: true, value: { serviceId: 'svc-passport' } });
  });

  it('keeps the window open against a citizen; quitting closes the agent first', async () => {
    const { window } = await start();
    window.close();
    expect(window.isDestroyed()).toBe(false);

    let agentClosedWhileRunning = false;
    const close = agent.close.bind(agent);
    agent.close = async () => {
      agentClosedWhileRunning = !fake.app.quitted;
      await close();
    };
    fake.app.quit();
    expect(window.isDestroyed()).toBe(true);
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true), { timeout: 2000, interval: 5 });
    expect(agent.closed).toBe(1);
    expect(agentClosedWhileRunning).toBe(true);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('quits even when the agent does not close in time', async () => {
    agent.close = () => new Promise<void>(() => undefined);
    await start({ agentCloseTimeoutMs: 30 });
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true), { timeout: 2000, interval: 5 });
  });

  it('reloads a crashed or hung page and relaunches the app after repeated crashes', async () => {
    const { window } = await start();
    const contents = window.webContents;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await vi.waitFor(() => expect(contents.reloads).toBe(1), { timeout: 2000, interval: 2 });
    contents.emit('unresponsive');
    await vi.waitFor(() => expect(contents.reloads).toBe(2), { timeout: 2000, interval: 2 });
    expect(contents.forcedCrashes).toBe(1);
    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    expect(fake.app.relaunches).toBe(1);
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true), { timeout: 2000, interval: 5 });
    expect(agent.closed).toBe(1);
  });

  it('in a packaged build: devtools off and closed if opened, and relative paths resolve under userData', async () => {
    fake.app.isPackaged = true;
    const { window } = await start({}, { NOVBE_KIOSK_AUTOSTART: 'off' });
    expect(window.options.webPreferences).toMatchObject({ devTools: false });
    window.webContents.openDevTools();
    expect(window.webContents.isDevToolsOpened()).toBe(false);
    expect(process.cwd()).toBe(join(root, 'user-data'));
  });

  it.runIf(process.platform === 'linux')('writes the autostart entry when asked', async () => {
    await start({}, { NOVBE_KIOSK_AUTOSTART: '1' });
    const path = join(root, '.config', 'autostart', DESKTOP_ENTRY_NAME);
    await vi.waitFor(
      async () => expect(await readFile(path, 'utf8')).toContain(`Exec=${process.execPath} `),
      {
        timeout: 2000,
        interval: 5,
      },
    );
    expect(await readFile(path, 'utf8')).toContain(join(root, 'app'));
  });

  it('stops before any window on a bad shell setting, naming it', async () => {
    await expect(
      startKioskShell({ startAgent: () => agent, env: { NOVBE_KIOSK_WINDOWED: 'perhaps' } }),
    ).rejects.toThrow(/NOVBE_KIOSK_WINDOWED/);
    expect(fake.windows).toHaveLength(0);
  });
});
