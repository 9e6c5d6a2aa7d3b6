import type {
  BrowserWindow as ElectronBrowserWindow,
  BrowserWindowConstructorOptions,
  Rectangle,
} from 'electron';
import type { AppSite } from './app-protocol';
import { lockDownContents } from './lockdown';
import { silentLogger, type ShellLogger } from './shell-logger';

/** How an appliance's windows look before the page paints, and in development. */
export interface WindowLook {
  readonly title: string;
  /** The renderer's background, shown before its first paint (no white flash on the screen). */
  readonly background: string;
  /** The size of the normal window used for development instead of fullscreen. */
  readonly windowedSize: { readonly width: number; readonly height: number };
}

export interface ApplianceWindowOptions {
  readonly site: AppSite;
  readonly look: WindowLook;
  readonly preloadPath: string;
  /** Packaged build: devtools off, browser shortcuts dead. */
  readonly production: boolean;
  /** A normal window for development on a desktop; the appliance itself is always fullscreen. */
  readonly windowed: boolean;
  /** The monitor the window fills (Electron's `Display.bounds`). */
  readonly bounds: Rectangle;
  /** Whether the window may close now (only when the app quits: the public cannot close it). */
  readonly mayClose: () => boolean;
  readonly onQuitChord?: () => void;
  readonly log?: ShellLogger;
}

/** The window's construction options: fullscreen kiosk mode, and every web-preference hardening flag. */
export function applianceWindowOptions(
  options: Pick<ApplianceWindowOptions, 'look' | 'preloadPath' | 'production' | 'windowed' | 'bounds'>,
): BrowserWindowConstructorOptions {
  const kiosk = !options.windowed;
  const { x, y, width, height } = options.bounds;
  return {
    ...(kiosk ? { x, y, width, height } : { ...options.look.windowedSize }),
    title: options.look.title,
    show: true,
    backgroundColor: options.look.background,
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
      // alert/confirm would freeze the screen behind a dialog nobody can dismiss.
      disableDialogs: true,
      // Timers (the kiosk's idle timeout, a hall screen's clock) run even when Chromium thinks no one looks.
      backgroundThrottling: false,
      // Sound without a touch first: the display calls numbers aloud.
      autoplayPolicy: 'no-user-gesture-required',
      enableWebSQL: false,
    },
  };
}

/**
 * Creates an appliance window over `bounds`, locked down (see lockdown.ts); it refuses to close
 * unless the app is quitting (Alt+F4 on a service keyboard does nothing).
 */
export function createApplianceWindow(
  electron: { BrowserWindow: typeof ElectronBrowserWindow },
  options: ApplianceWindowOptions,
): ElectronBrowserWindow {
  const log = options.log ?? silentLogger;
  const window = new electron.BrowserWindow(applianceWindowOptions(options));
  lockDownContents(window.webContents, {
    site: options.site,
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
