import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DisplayBridge, DisplayEvent } from '@novbe/protocol';
import { IPC_EVENT, IPC_INVOKE } from '@novbe/protocol';
import { APP_SCHEME, cspDirectives } from '@novbe/appliance';
import { FakeWebContents, fake, fakeDisplay } from '@novbe/appliance/testing';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DISPLAY_AUTOSTART, DISPLAY_BACKGROUND, DISPLAY_SITE } from './display-site';
import { startDisplayShell, type DisplayShellOptions } from './shell';
import { SERVER_URL, sampleDisplayAgent } from './testing/sample-display-agent';

vi.mock('electron', async () => (await import('@novbe/appliance/testing')).electronModule);

const QUICK = { reloadDelaysMs: [1], maxLosses: 2, windowMs: 60_000, hangGraceMs: 5 };
const HALL_URL = `${DISPLAY_SITE.indexUrl}?mode=hall&hall=h1`;
const COUNTER_URL = `${DISPLAY_SITE.indexUrl}?mode=counter&counter=c3`;
const META_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; media-src 'self'; connect-src 'self' http: https: ws: wss:; object-src 'none'";

describe('startDisplayShell', () => {
  let bridge: DisplayBridge;
  let root: string;
  let rendererDir: string;
  let agent: ReturnType<typeof sampleDisplayAgent>;
  const cwd = process.cwd();

  beforeAll(async () => {
    fake.reset();
    await import('./preload');
    bridge = fake.exposed.get('novbeDisplay') as DisplayBridge;
  });
  beforeEach(async () => {
    fake.reset();
    fake.exposed.set('novbeDisplay', bridge);
    // A portrait touchscreen is no display PC: a 1920×1080 primary and a TV to its right.
    fake.displays.splice(0, 1, fakeDisplay(1, 0, 0, 1920, 1080), fakeDisplay(2, 1920, 0, 1280, 720));
    root = await realpath(await mkdtemp(join(tmpdir(), 'novbe-display-shell-')));
    rendererDir = join(root, 'renderer');
    await mkdir(rendererDir);
    await writeFile(
      join(rendererDir, 'index.html'),
      `<!doctype html><meta http-equiv="Content-Security-Policy" content="${META_CSP}" /><title>Növbə</title>`,
    );
    fake.app.appPath = join(root, 'app');
    fake.app.paths.set('userData', join(root, 'user-data'));
    agent = sampleDisplayAgent();
  });
  afterEach(async () => {
    process.chdir(cwd);
    await rm(root, { recursive: true, force: true });
  });

  /** Starts the shell as Electron would: the module runs, then the app becomes ready. */
  async function start(options: Partial<DisplayShellOptions> = {}, env: NodeJS.ProcessEnv = {}) {
    const started = startDisplayShell({
      startAgent: () => agent,
      serverUrl: SERVER_URL,
      env: {
        NOVBE_DISPLAY_RENDERER_DIR: rendererDir,
        NOVBE_DISPLAY_SCREENS: 'hall:h1,counter:c3@1',
        HOME: root,
        ...env,
      },
      recovery: QUICK,
      ...options,
    });
    await sleep(0);
    fake.app.fireReady();
    const shell = await started;
    return { shell, hall: fake.windows[0]!, counter: fake.windows[1]! };
  }

  it('opens one hardened fullscreen window a screen, over its monitor, with sound allowed', async () => {
    const { shell, hall, counter } = await start();
    expect(fake.privilegedSchemes).toMatchObject([
      { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
    ]);
    expect(fake.windows).toHaveLength(2);
    expect(shell?.windows).toHaveLength(2);
    expect(hall.options).toMatchObject({
      x: 0,
      y: 0,
      width: 1920,
      height: 1080,
      fullscreen: true,
      kiosk: true,
      frame: false,
      alwaysOnTop: true,
      backgroundColor: DISPLAY_BACKGROUND,
    });
    expect(counter.options).toMatchObject({ x: 1920, y: 0, width: 1280, height: 720, fullscreen: true });
    for (const window of [hall, counter])
      expect(window.options.webPreferences).toMatchObject({
        preload: join(root, 'app', 'main', 'dist', 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        autoplayPolicy: 'no-user-gesture-required',
        backgroundThrottling: false,
        devTools: true, // not packaged
      });
    expect(hall.webContents.loads).toEqual([HALL_URL]);
    expect(counter.webContents.loads).toEqual([COUNTER_URL]);
    expect(fake.applicationMenu).toBeNull();
    expect(counter.webContents.fire('will-navigate', { url: 'https://example.com/' })).toBe(true);
    expect(counter.webContents.fire('will-navigate', { url: 'novbe://kiosk/index.html' })).toBe(true);
    expect(counter.webContents.fire('will-navigate', { url: HALL_URL })).toBe(false);
  });

  it('serves the page with its own policy, connect-src narrowed to the center server', async () => {
    await start();
    const page = await fake.fetch(HALL_URL);
    expect(page.status).toBe(200);
    const csp = cspDirectives(page.headers.get('content-security-policy')!);
    expect(csp.get('connect-src')).toBe("'self' http://10.0.0.2:8080 ws://10.0.0.2:8080");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('img-src')).toBe("'self' data:");
    expect(await page.text()).toContain('Növbə');
    expect((await fake.fetch('novbe://kiosk/index.html')).status).toBe(404);
  });

  it('carries calls from every screen to the agent, and agent events to every screen', async () => {
    const { hall, counter } = await start();
    // Right after the start every page is told the setup (it may have asked too early).
    const setup: DisplayEvent = { type: 'setup', setup: { serverUrl: SERVER_URL, token: null } };
    await vi.waitFor(() => expect(counter.webContents.sent).toHaveLength(1), { timeout: 2000, interval: 2 });
    for (const window of [hall, counter])
      expect(window.webContents.sent).toEqual([{ channel: IPC_EVENT, args: [setup] }]);

    fake.preloadContents = hall.webContents;
    expect(await bridge.invoke('screen-setup')).toMatchObject({ ok: true, value: { token: null } });
    fake.preloadContents = counter.webContents;
    expect(await bridge.invoke('screen-pair', { code: '12345678' })).toMatchObject({
      ok: true,
      value: { token: 'display-token' },
    });
    const status: DisplayEvent = {
      type: 'status',
      status: { link: 'offline', boardsOffline: [], keypads: [] },
    };
    agent.emit(status);
    for (const window of [hall, counter])
      expect(window.webContents.sent.at(-1)).toEqual({ channel: IPC_EVENT, args: [status] });

    const stranger = new FakeWebContents(fake);
    await stranger.loadURL(HALL_URL);
    expect(
      await fake.ipcMain.invokeFrom(stranger, stranger.mainFrame, IPC_INVOKE, 'screen-setup'),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('reloads a crashed screen with its own address; quitting closes the agent first', async () => {
    const { counter } = await start();
    counter.webContents.url = '';
    counter.webContents.emit('did-fail-load', {}, -6, 'ERR_FAILED', COUNTER_URL, true);
    await vi.waitFor(() => expect(counter.webContents.loads).toEqual([COUNTER_URL, COUNTER_URL]), {
      timeout: 2000,
      interval: 2,
    });
    counter.close();
    expect(counter.isDestroyed()).toBe(false);
    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true), { timeout: 2000, interval: 5 });
    expect(agent.closed).toBe(1);
  });

  it.runIf(process.platform === 'linux')('writes its own autostart entry when asked', async () => {
    await start({}, { NOVBE_DISPLAY_AUTOSTART: 'on' });
    const path = join(root, '.config', 'autostart', DISPLAY_AUTOSTART.fileName);
    await vi.waitFor(async () => expect(await readFile(path, 'utf8')).toContain('Name=Növbə Display'), {
      timeout: 2000,
      interval: 5,
    });
  });

  it('stops before any window on a bad or missing NOVBE_DISPLAY_SCREENS, naming it', async () => {
    for (const screens of [undefined, 'hall:h1,counter:c3@0', 'lobby:x'])
      await expect(
        startDisplayShell({
          startAgent: () => agent,
          serverUrl: SERVER_URL,
          env: screens === undefined ? {} : { NOVBE_DISPLAY_SCREENS: screens },
        }),
        String(screens),
      ).rejects.toThrow(/NOVBE_DISPLAY_SCREENS \(screens\)/);
    expect(fake.windows).toHaveLength(0);
    expect(fake.privilegedSchemes).toEqual([]);
  });
});
