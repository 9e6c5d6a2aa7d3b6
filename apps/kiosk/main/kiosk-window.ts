import type {
  BrowserWindow as ElectronBrowserWindow,
  BrowserWindowConstructorOptions,
  Screen,
} from 'electron';
import { lockDownContents } from './lockdown';
import { silentLogger, type ShellLogger } from './shell-logger';

/** The renderer's background, shown before its first paint (no white flash on the touchscreen). */
export const KIOSK_BACKGROUND = '#0b2e4f';

export interface KioskWindowOptions {
  readonly preloadPath: string;
  /** Packaged build: devtools off, browser shortcuts dead. */
  readonly production: boolean;
  /** A normal window for development on a desktop; the kiosk itself is always fullscreen. */
  readonly windowed: boolean;
  /** Whether the window may close now (only when the app quits: citizens cannot close it). */
  readonly mayClose: () => boolean;
  readonly onQuitChord?: () => void;
  readonly log?: ShellLogger;
}

/** The window's construction options: fullscreen kiosk, and every web-preference hardening flag. */
export function kioskWindowOptions(
  options: Pick<KioskWindowOptions, 'preloadPath' | 'production' | 'windowed'>,
  bounds: { x: number; y: number; width: number; height: number },
): BrowserWindowConstructorOptions {
  const kiosk = !options.windowed;
  return {
    ...(kiosk ? bounds : { width: 540, height: 960 }),
    title: 'Növbə',
    show: true,
    backgroundColor: KIOSK_BACKGROUND,
    fullscreen: kiosk,
    kiosk,
    frame: !kiosk,
    resizable: !kiosk,
    movable: !kiosk,
    minimizable: !kiosk,
    maximizable: !kiosk,
    alwaysOnTop: kiosk,
    skipTaskbar: kiosk,
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: !options.production,
      spellcheck: false,
      navigateOnDragDrop: false,
      // alert/confirm would freeze the touchscreen behind a dialog nobody can dismiss.
      disableDialogs: true,
      // The idle timeout back to the attract screen must run even when Chromium thinks no one looks.
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
      enableWebSQL: false,
    },
  };
}

/**
 * Creates the kiosk window on the primary display, locked down (see lockdown.ts); it refuses to
 * close unless the app is quitting (Alt+F4 on a service keyboard does nothing).
 */
export function createKioskWindow(
  electron: { BrowserWindow: typeof ElectronBrowserWindow; screen: Pick<Screen, 'getPrimaryDisplay'> },
  options: KioskWindowOptions,
): ElectronBrowserWindow {
  const log = options.log ?? silentLogger;
  const { bounds } = electron.screen.getPrimaryDisplay();
  const window = new electron.BrowserWindow(kioskWindowOptions(options, bounds));
  lockDownContents(window.webContents, {
    production: options.production,
    log,
    ...(options.onQuitChord ? { onQuitChord: options.onQuitChord } : {}),
  });
  window.on('close', (event) => {
    if (options.mayClose()) return;
    event.preventDefault();
    log.warn({}, 'window close refused');
  });
  return window;
}
