import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWindow, Menu, app, ipcMain, protocol, screen, session } from 'electron';
import type { Rectangle, Screen } from 'electron';
import type { ErrorBody, HandlerMap } from '@novbe/protocol';
import type { AgentMethods } from './agent-methods';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, serveRenderer, type AppSite } from './app-protocol';
import { createApplianceWindow, type WindowLook } from './appliance-window';
import { enableAutostart, type AutostartEntry } from './autostart';
import { watchRenderer, type RecoveryPolicy } from './crash-recovery';
import { registerIpcCarrier, sendToPage } from './ipc-carrier';
import { denyNewWindowsAndWebviews, lockDownSession } from './lockdown';
import type { ShellConfig } from './shell-config';
import { silentLogger, type ShellLogger } from './shell-logger';

/** What a shell needs of the agent it hosts (`startKioskAgent`, `startDisplayAgent` return it). */
export interface AgentHost<H extends HandlerMap, E> {
  readonly handlers: H;
  /** Status changes and the like; may return its unsubscribe function. */
  onEvent(listener: (event: E) => void): (() => void) | void;
  close(): Promise<void> | void;
  /** The agent's own mapping of its errors to coded bodies (it also logs the unexpected ones). */
  errorBody?(error: unknown): ErrorBody;
}

/** One window to open: the page it shows and the monitor it fills. */
export interface WindowPlan {
  /** A document of the appliance's site, e.g. `novbe://display/index.html?mode=hall&hall=h1`. */
  readonly url: string;
  readonly bounds: Rectangle;
}

/** The monitors, as the shell asks Electron's `screen` about them. */
export type Monitors = Pick<Screen, 'getPrimaryDisplay' | 'getAllDisplays'>;

export interface ApplianceShellOptions<H extends HandlerMap, E, C extends ShellConfig> {
  /** `kiosk`, `display`: in the log and in the page's error messages. */
  readonly app: string;
  readonly site: AppSite;
  readonly methods: AgentMethods;
  /** The shell's configuration, read before anything else (a bad value stops the start). */
  readonly loadConfig: (env: NodeJS.ProcessEnv, packaged: boolean) => C;
  /**
   * The renderer's Content Security Policy, sent on every response; a function is asked once,
   * when Electron is ready, with the renderer's directory (to read the built page's own policy).
   */
  readonly csp: string | ((rendererDir: string) => string);
  readonly look: WindowLook;
  readonly autostart: AutostartEntry;
  /** The windows to open once Electron is ready. */
  readonly windows: (monitors: Monitors, config: C, log: ShellLogger) => readonly WindowPlan[];
  /** Starts the agent (loading its own configuration); a failure is retried, see `agentRetryMs`. */
  readonly startAgent: () => Promise<AgentHost<H, E>> | AgentHost<H, E>;
  /**
   * The event every page is told once the agent runs (a page may have asked before and heard
   * out-of-service).
   */
  readonly greeting?: (agent: AgentHost<H, E>) => Promise<E>;
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: ShellLogger;
  readonly recovery?: RecoveryPolicy;
  /** Waits between attempts to start a failed agent; the last value repeats. */
  readonly agentRetryMs?: readonly number[];
  /** How long quitting waits for the agent to close (it flushes SQLite and its devices). */
  readonly agentCloseTimeoutMs?: number;
}

/** What an app's shell takes from its caller (its main.ts, its tests): the agent and the tuning. */
export type HostOptions<H extends HandlerMap, E> = Pick<
  ApplianceShellOptions<H, E, ShellConfig>,
  'startAgent' | 'env' | 'log' | 'recovery' | 'agentRetryMs' | 'agentCloseTimeoutMs'
>;

export interface ApplianceShell<H extends HandlerMap, E, C extends ShellConfig> {
  readonly config: C;
  readonly windows: readonly BrowserWindow[];
  /** The running agent, once started (null while starting or after a failed start). */
  agent(): Promise<AgentHost<H, E> | null>;
}

const DEFAULT_AGENT_RETRY_MS = [5_000, 15_000, 30_000, 60_000];

/**
 * An appliance's Electron main process: one instance, locked-down fullscreen windows showing the
 * renderer from `novbe://<host>`, the agent hosted in-process and reached over IPC, crash and
 * hang recovery, autostart, and a quit that closes the agent first. Resolves to null when
 * another instance already runs (this one quits).
 *
 * What must happen before `ready` (the privileged scheme, Chromium's switches) runs
 * synchronously, before the first `await`.
 */
export async function startApplianceShell<H extends HandlerMap, E, C extends ShellConfig>(
  options: ApplianceShellOptions<H, E, C>,
): Promise<ApplianceShell<H, E, C> | null> {
  const log = options.log ?? silentLogger;
  const env = options.env ?? process.env;
  const config = options.loadConfig(env, app.isPackaged);
  const production = app.isPackaged;
  const name = options.app;

  if (!app.requestSingleInstanceLock()) {
    log.warn({}, `another ${name} instance is running; quitting`);
    app.quit();
    return null;
  }
  // Chromium's own touch gestures: no pinch zoom, no swipe-to-go-back.
  app.commandLine.appendSwitch('disable-pinch');
  app.commandLine.appendSwitch('overscroll-history-navigation', '0');
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  const windows: BrowserWindow[] = [];
  let quitting = false;
  let agentState: 'running' | 'closing' | 'closed' = 'running';
  const disposers: (() => void)[] = [];
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const alive = () => windows.filter((w) => !w.isDestroyed());

  app.on('web-contents-created', (_event, contents) => denyNewWindowsAndWebviews(contents, log));
  app.on('second-instance', () => {
    for (const window of alive()) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();
  Menu.setApplicationMenu(null);
  const appPath = app.getAppPath();
  const rendererDir = config.rendererDir ?? join(appPath, 'renderer', 'dist');
  const csp = typeof options.csp === 'function' ? options.csp(rendererDir) : options.csp;
  lockDownSession(session.defaultSession, csp, log);
  protocol.handle(APP_SCHEME, (request) =>
    serveRenderer({ site: options.site, distDir: rendererDir, csp }, request),
  );
  if (production) {
    // A packaged app starts in `/` or its install folder; relative paths in the agent's
    // configuration (its data directory) resolve under the app's own writable folder instead.
    const userData = app.getPath('userData');
    mkdirSync(userData, { recursive: true });
    process.chdir(userData);
  }

  const plans = options.windows(screen, config, log);
  for (const plan of plans) {
    const window = createApplianceWindow(
      { BrowserWindow },
      {
        site: options.site,
        look: options.look,
        preloadPath: join(appPath, 'main', 'dist', 'preload.cjs'),
        production,
        windowed: config.windowed,
        bounds: plan.bounds,
        mayClose: () => quitting,
        onQuitChord: () => app.quit(),
        log,
      },
    );
    windows.push(window);
  }
  const pages = () => alive().map((w) => w.webContents);
  const tellPages = (event: unknown) => {
    for (const contents of pages()) sendToPage(contents, event);
  };

  // Calls made while the agent starts wait for it instead of failing.
  let agentStart: Promise<AgentHost<H, E> | null>;
  let running: AgentHost<H, E> | null = null;
  const retryDelays = options.agentRetryMs ?? DEFAULT_AGENT_RETRY_MS;
  const startAgent = (attempt: number): Promise<AgentHost<H, E> | null> =>
    (async () => options.startAgent())().then(
      (agent) => {
        running = agent;
        const off = agent.onEvent(tellPages);
        if (typeof off === 'function') disposers.push(off);
        log.info({ attempt }, `${name} agent started`);
        if (options.greeting) void options.greeting(agent).then(tellPages, () => undefined);
        return agent;
      },
      (error: unknown) => {
        const delayMs = retryDelays[Math.min(attempt, retryDelays.length) - 1] ?? 60_000;
        log.error(
          { error: (error as Error)?.message ?? String(error), attempt, retryInMs: delayMs },
          `${name} agent did not start`,
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
      site: options.site,
      methods: options.methods,
      handlers: async () => ((await agentStart)?.handlers as HandlerMap | undefined) ?? null,
      senders: pages,
      toError: (error) =>
        running?.errorBody?.(error) ?? { code: 'internal', message: `internal error in the ${name} agent` },
      agentName: `the ${name} agent`,
      log,
    }),
  );
  windows.forEach((window, i) =>
    disposers.push(
      watchRenderer(window.webContents, {
        site: options.site,
        url: plans[i]!.url,
        relaunch: () => {
          app.relaunch();
          app.quit();
        },
        ...(options.recovery ? { policy: options.recovery } : {}),
        log,
      }),
    ),
  );

  app.on('will-quit', (event) => {
    if (agentState === 'closed') return;
    // Hold the quit until the agent has closed its database and devices, then quit again.
    event.preventDefault();
    if (agentState === 'closing') return;
    agentState = 'closing';
    if (retryTimer) clearTimeout(retryTimer);
    for (const dispose of disposers.splice(0)) dispose();
    void closeAgent(agentStart, options.agentCloseTimeoutMs ?? 5_000, name, log).finally(() => {
      agentState = 'closed';
      app.quit();
    });
  });

  // A failed load is retried by watchRenderer.
  windows.forEach((window, i) => void window.loadURL(plans[i]!.url).catch(() => undefined));

  if (config.autostart)
    void enableAutostart(app, {
      entry: options.autostart,
      platform: process.platform,
      // An AppImage moves its executable on every start: the entry must name the image itself.
      execPath: env.APPIMAGE ?? process.execPath,
      args: production ? [] : [appPath],
      env,
    }).then(
      (result) => log.info(result, 'autostart enabled'),
      (error: unknown) => log.warn({ error: (error as Error).message }, 'autostart could not be enabled'),
    );

  return { config, windows, agent: () => agentStart };
}

async function closeAgent(
  starting: Promise<{ close(): Promise<void> | void } | null>,
  timeoutMs: number,
  name: string,
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
    if (outcome === 'timeout')
      log.warn({ timeoutMs }, `${name} agent did not close in time; quitting anyway`);
    else log.info({}, `${name} agent closed`);
  } catch (error) {
    log.error({ error: (error as Error)?.message ?? String(error) }, `${name} agent failed to close`);
  } finally {
    clearTimeout(timer);
  }
}
