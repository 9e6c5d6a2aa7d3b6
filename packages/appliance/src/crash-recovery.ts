import type { WebContents } from 'electron';
import type { AppSite } from './app-protocol';
import { silentLogger, type ShellLogger } from './shell-logger';

export interface RecoveryPolicy {
  /** Wait before the n-th reload inside the window; the last value repeats. */
  readonly reloadDelaysMs: readonly number[];
  /** More losses than this inside `windowMs` relaunch the whole app instead. */
  readonly maxLosses: number;
  readonly windowMs: number;
  /** How long a page may stay unresponsive before its renderer is killed and reloaded. */
  readonly hangGraceMs: number;
}

export const DEFAULT_RECOVERY: RecoveryPolicy = {
  reloadDelaysMs: [250, 1000, 2000, 4000, 8000],
  maxLosses: 5,
  windowMs: 2 * 60_000,
  hangGraceMs: 5000,
};

export interface RecoveryOptions {
  readonly site: AppSite;
  /** The window's own document (with its query), loaded again when the page never loaded. */
  readonly url: string;
  /** Restarts the app (Electron: `app.relaunch()` then `app.quit()`). */
  readonly relaunch: () => void;
  readonly policy?: RecoveryPolicy;
  readonly now?: () => number;
  readonly log?: ShellLogger;
}

type Webish = Pick<
  WebContents,
  'on' | 'off' | 'reload' | 'loadURL' | 'getURL' | 'isDestroyed' | 'forcefullyCrashRenderer'
>;

/**
 * Keeps an appliance's page alive: a renderer that crashes, is killed, fails to load or hangs past
 * a grace period is reloaded after a growing delay (so a page that crashes at once does not spin
 * the CPU); too many losses in a short window relaunch the app, which also restarts the GPU and
 * the agent. Returns the function that stops watching.
 */
export function watchRenderer(contents: Webish, options: RecoveryOptions): () => void {
  const policy = options.policy ?? DEFAULT_RECOVERY;
  const now = options.now ?? Date.now;
  const log = options.log ?? silentLogger;
  const losses: number[] = [];
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  let hangTimer: ReturnType<typeof setTimeout> | null = null;
  let relaunching = false;

  const clearHang = () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  };

  const recover = (cause: string, details: object) => {
    // One recovery at a time: killing a hung renderer also reports it gone.
    if (reloadTimer || relaunching) return;
    const t = now();
    while (losses.length > 0 && t - losses[0]! > policy.windowMs) losses.shift();
    losses.push(t);
    if (losses.length > policy.maxLosses) {
      relaunching = true;
      log.error({ cause, ...details, losses: losses.length }, 'renderer keeps failing; relaunching the app');
      options.relaunch();
      return;
    }
    const delayMs = policy.reloadDelaysMs[Math.min(losses.length, policy.reloadDelaysMs.length) - 1] ?? 0;
    log.warn({ cause, ...details, attempt: losses.length, delayMs }, 'renderer lost; reloading');
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      if (contents.isDestroyed()) return;
      // A page that never loaded has nothing to reload: load the window's own document again.
      if (options.site.isAppUrl(contents.getURL())) contents.reload();
      else void contents.loadURL(options.url).catch(() => undefined);
    }, delayMs);
  };

  const onGone = (_event: unknown, details: { reason: string; exitCode: number }) => {
    clearHang();
    recover('render-process-gone', { reason: details.reason, exitCode: details.exitCode });
  };
  const onUnresponsive = () => {
    if (hangTimer) return;
    hangTimer = setTimeout(() => {
      hangTimer = null;
      if (contents.isDestroyed()) return;
      log.warn({ graceMs: policy.hangGraceMs }, 'renderer hung; killing it');
      recover('unresponsive', {});
      // Electron's recipe for a hang: a reload after this runs in a fresh process.
      contents.forcefullyCrashRenderer();
    }, policy.hangGraceMs);
  };
  const onFailLoad = (
    _event: unknown,
    errorCode: number,
    errorDescription: string,
    _url: string,
    isMainFrame: boolean,
  ) => {
    // -3 is ERR_ABORTED: a load replaced by another one, not a failure.
    if (!isMainFrame || errorCode === -3) return;
    recover('did-fail-load', { errorCode, errorDescription });
  };

  const c = contents as unknown as {
    on(event: string, listener: (...args: never[]) => void): void;
    off(event: string, listener: (...args: never[]) => void): void;
  };
  c.on('render-process-gone', onGone);
  c.on('unresponsive', onUnresponsive);
  c.on('responsive', clearHang);
  c.on('did-fail-load', onFailLoad);
  return () => {
    clearHang();
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = null;
    c.off('render-process-gone', onGone);
    c.off('unresponsive', onUnresponsive);
    c.off('responsive', clearHang);
    c.off('did-fail-load', onFailLoad);
  };
}
