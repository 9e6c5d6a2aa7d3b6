import type { Input, Session, WebContents } from 'electron';
import type { AppSite } from './app-protocol';
import { withCsp } from './content-security-policy';
import { silentLogger, type ShellLogger } from './shell-logger';

export interface LockdownOptions {
  /** The appliance's own origin: the only one the page may navigate to. */
  readonly site: AppSite;
  /** Packaged build: devtools stay closed and browser shortcuts are dead. */
  readonly production: boolean;
  /** The technician's way out (Ctrl+Alt+Shift+Q on a service keyboard); citizens only touch. */
  readonly onQuitChord?: () => void;
  readonly log?: ShellLogger;
}

type ShortcutVerdict = 'allow' | 'block' | 'quit' | 'devtools';

const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0']);
const ZOOM_CODES = new Set(['NumpadAdd', 'NumpadSubtract', 'Numpad0', 'Equal', 'Minus', 'Digit0']);
const BROWSER_KEYS = new Set([
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserHome',
  'BrowserSearch',
]);

/** What a key press may do in an appliance window: zoom never, browser shortcuts not in production. */
export function shortcutVerdict(
  input: Pick<Input, 'type' | 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>,
  production: boolean,
): ShortcutVerdict {
  if (input.type !== 'keyDown') return 'allow';
  const mod = input.control || input.meta;
  if (input.control && input.alt && input.shift && input.code === 'KeyQ') return 'quit';
  if (mod && (ZOOM_KEYS.has(input.key) || ZOOM_CODES.has(input.code))) return 'block';
  if (BROWSER_KEYS.has(input.key)) return 'block';
  if (!production) return input.key === 'F12' ? 'devtools' : 'allow';
  if (mod || input.alt) return 'block';
  if (/^F\d{1,2}$/.test(input.key)) return 'block';
  return 'allow';
}

/**
 * Locks an appliance window's page in: it cannot navigate away from the appliance's origin, open
 * windows, attach webviews, zoom (pinch, Ctrl+wheel, Ctrl +/-), or open devtools in production.
 */
export function lockDownContents(contents: WebContents, options: LockdownOptions): void {
  const log = options.log ?? silentLogger;
  const blockNavigation = (event: { preventDefault(): void; url: string; isSameDocument?: boolean }) => {
    if (event.isSameDocument || options.site.isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn({ url: safeUrl(event.url) }, 'navigation blocked');
  };
  contents.on('will-navigate', blockNavigation);
  contents.on('will-frame-navigate', blockNavigation);
  contents.on('will-redirect', blockNavigation);
  denyNewWindowsAndWebviews(contents, log);

  const pinZoom = () => {
    void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
    contents.setZoomFactor(1);
  };
  pinZoom();
  // Limits reset with a new document; Ctrl+wheel zoom arrives as zoom-changed.
  contents.on('did-finish-load', pinZoom);
  contents.on('zoom-changed', (event) => {
    event.preventDefault();
    contents.setZoomFactor(1);
  });

  contents.on('before-input-event', (event, input) => {
    const verdict = shortcutVerdict(input, options.production);
    if (verdict === 'allow') return;
    event.preventDefault();
    if (verdict === 'quit') {
      log.info({}, 'quit chord pressed');
      options.onQuitChord?.();
    } else if (verdict === 'devtools') contents.toggleDevTools();
  });

  if (options.production)
    contents.on('devtools-opened', () => {
      log.warn({}, 'devtools opened in production; closing them');
      contents.closeDevTools();
    });
}

/** Applied to every webContents the app creates: no pop-up windows, no `<webview>`. */
export function denyNewWindowsAndWebviews(contents: WebContents, log: ShellLogger = silentLogger): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url: safeUrl(url) }, 'window.open denied');
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({}, 'webview refused');
  });
}

/**
 * Locks the session: every permission (camera, geolocation, notifications, HID, serial…) is
 * refused, downloads are cancelled, and every HTTP(S) response carries the appliance's CSP (a
 * function is asked on each response).
 */
export function lockDownSession(
  session: Session,
  csp: string | (() => string),
  log: ShellLogger = silentLogger,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn({ permission }, 'permission request denied');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => {
    event.preventDefault();
    log.warn({}, 'download cancelled');
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: withCsp(details.responseHeaders, typeof csp === 'function' ? csp() : csp),
    });
  });
}

/** A URL for the log without query or fragment (they may carry data). */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(unparsable)';
  }
}
