import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWindow, Menu, app, ipcMain, protocol, screen, session } from 'electron';
import type { ErrorBody, HandlerMap, KioskEvent, KioskHandlers } from '@novbe/protocol';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveRenderer } from './app-protocol';
import { enableAutostart } from './autostart';
import { watchRenderer, type RecoveryPolicy } from './crash-recovery';
import { registerIpcCarrier, sendToPage } from './ipc-carrier';
import { createKioskWindow } from './kiosk-window';
import { denyNewWindowsAndWebviews, lockDownSession } from './lockdown';
import { loadShellConfig, type ShellConfig } from './shell-config';
import { silentLogger, type ShellLogger } from './shell-logger';

/** What the shell needs of the kiosk agent (`startKioskAgent` returns it). */
export interface KioskAgentHost {
  readonly handlers: KioskHandlers;
  /** Status changes and the like; may return its unsubscribe function. */
  onEvent(listener: (event: KioskEvent) => void): (() => void) | void;
  close(): Promise<void> | void;
  /** The agent's own mapping of its errors to coded bodies (it also logs the unexpected ones). */
  errorBody?(error: unknown): ErrorBody;
}

export interface KioskShellOptions {
  /** Starts the agent (loading its own configuration); a failure is retried, see `agentRetryMs`. */
  readonly startAgent: () => Promise<KioskAgentHost> | KioskAgentHost;
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: ShellLogger;
  readonly recovery?: RecoveryPolicy;
  /** Waits between attempts to start a failed agent; the last value repeats. */
  readonly agentRetryMs?: readonly number[];
  /** How long quitting waits for the agent to close (it flushes SQLite and the printer). */
  readonly agentCloseTimeoutMs?: number;
}

export interface KioskShell {
  readonly config: ShellConfig;
  readonly window: BrowserWindow;
  /** The running agent, once started (null while starting or after a failed start). */
  agent(): Promise<KioskAgentHost | null>;
}

const DEFAULT_AGENT_RETRY_MS = [5_000, 15_000, 30_000, 60_000];

/**
 * The kiosk's Electron main process: one instance, a locked-down fullscreen window showing the
 * renderer from `novbe://kiosk`, the agent hosted in-process and reached over IPC, crash and
 * hang recovery, autostart, and a quit that closes the agent first. Resolves to null when
 * another instance already runs (this one quits).
 */
export async function startKioskShell(options: KioskShellOptions): Promise<KioskShell | null> {
  const log = options.log ?? silentLogger;
  const env = options.env ?? process.env;
  const config = loadShellConfig(env, app.isPackaged);
  const production = app.isPackaged;

  if (!app.requestSingleInstanceLock()) {
    log.warn({}, 'another kiosk instance is running; quitting');
    app.quit();
    return null;
  }
  // Chromium's own touch gestures: no pinch zoom, no swipe-to-go-back.
  app.commandLine.appendSwitch('disable-pinch');
  app.commandLine.appendSwitch('overscroll-history-navigation', '0');
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  let window: BrowserWindow | null = null;
  let quitting = false;
  let agentState: 'running' | 'closing' | 'closed' = 'running';
  const disposers: (() => void)[] = [];
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  app.on('web-contents-created', (_event, contents) => denyNewWindowsAndWebviews(contents, log));
  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();
  Menu.setApplicationMenu(null);
  lockDownSession(session.defaultSession, log);
  const appPath = app.getAppPath();
  const rendererDir = config.rendererDir ?? join(appPath, 'renderer', 'dist');
  protocol.handle(APP_SCHEME, (request) => serveRenderer(rendererDir, request));
  if (production) {
    // A packaged app starts in `/` or its install folder; relative paths in the agent's
    // configuration (its data directory) resolve under the app's own writable folder instead.
    const userData = app.getPath('userData');
    mkdirSync(userData, { recursive: true });
    process.chdir(userData);
  }

  window = createKioskWindow(
    { BrowserWindow, screen },
    {
      preloadPath: join(appPath, 'main', 'dist', 'preload.cjs'),
      production,
      windowed: config.windowed,
      mayClose: () => quitting,
      onQuitChord: () => app.quit(),
      log,
    },
  );
  const kioskWindow = window;
  kioskWindow.on('closed', () => {
    window = null;
  });
  const contents = () => (window && !window.isDestroyed() ? window.webContents : null);

  // Calls made while the agent starts wait for it instead of failing.
  let agentStart: Promise<KioskAgentHost | null>;
  let running: KioskAgentHost | null = null;
  const retryDelays = options.agentRetryMs ?? DEFAULT_AGENT_RETRY_MS;
  const startAgent = (attempt: number): Promise<KioskAgentHost | null> =>
    (async () => options.startAgent())().then(
      (agent) => {
        running = agent;
        const off = agent.onEvent((event) => sendToPage(contents(), event));
        if (typeof off === 'function') disposers.push(off);
        log.info({ attempt }, 'kiosk agent started');
        // The page may have asked before the agent was up (and heard out-of-service): tell it now.
        void agent.handlers['kiosk-status']().then(
          (status) => sendToPage(contents(), { type: 'status', status } satisfies KioskEvent),
          () => undefined,
        );
        return agent;
      },
      (error: unknown) => {
        const delayMs = retryDelays[Math.min(attempt, retryDelays.length) - 1] ?? 60_000;
        log.error(
          { error: (error as Error)?.message ?? String(error), attempt, retryInMs: delayMs },
          'kiosk agent did not start',
        );
        if (!quitting)
          retryTimer = setTimeout(() => {
            retryTimer = null;
            agentStart = startAgent(attempt + 1);
          }, delayMs);
        return null;
      },
    );
  agentStart = startAgent(1);

  disposers.push(
    registerIpcCarrier(ipcMain, {
      handlers: async () => ((await agentStart)?.handlers as HandlerMap | undefined) ?? null,
      contents,
      toError: (error) =>
        running?.errorBody?.(error) ?? { code: 'internal', message: 'internal error in the kiosk agent' },
      log,
    }),
  );
  disposers.push(
    watchRenderer(kioskWindow.webContents, {
      relaunch: () => {
        app.relaunch();
        app.quit();
      },
      ...(options.recovery ? { policy: options.recovery } : {}),
      log,
    }),
  );

  app.on('will-quit', (event) => {
    if (agentState === 'closed') return;
    // Hold the quit until the agent has closed its database and devices, then quit again.
    event.preventDefault();
    if (agentState === 'closing') return;
    agentState = 'closing';
    if (retryTimer) clearTimeout(retryTimer);
    for (const dispose of disposers.splice(0)) dispose();
    void closeAgent(agentStart, options.agentCloseTimeoutMs ?? 5_000, log).finally(() => {
      agentState = 'closed';
      app.quit();
    });
  });

  void kioskWindow.loadURL(APP_INDEX_URL).catch(() => undefined); // a failed load is retried by watchRenderer

  if (config.autostart)
    void enableAutostart(app, {
      platform: process.platform,
      // An AppImage moves its executable on every start: the entry must name the image itself.
      execPath: env.APPIMAGE ?? process.execPath,
      args: production ? [] : [appPath],
      env,
    }).then(
      (result) => log.info(result, 'autostart enabled'),
      (error: unknown) => log.warn({ error: (error as Error).message }, 'autostart could not be enabled'),
    );

  return { config, window: kioskWindow, agent: () => agentStart };
}

async function closeAgent(
  starting: Promise<KioskAgentHost | null>,
  timeoutMs: number,
  log: ShellLogger,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>(
    (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
  );
  try {
    const closing = starting.then(async (agent) => {
      await agent?.close();
      return 'closed' as const;
    });
    const outcome = await Promise.race([closing, timeout]);
    if (outcome === 'timeout') log.warn({ timeoutMs }, 'kiosk agent did not close in time; quitting anyway');
    else log.info({}, 'kiosk agent closed');
  } catch (error) {
    log.error({ error: (error as Error)?.message ?? String(error) }, 'kiosk agent failed to close');
  } finally {
    clearTimeout(timer);
  }
}
