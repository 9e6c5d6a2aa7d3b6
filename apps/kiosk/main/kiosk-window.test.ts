import type { BrowserWindow, Screen } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_BACKGROUND, createKioskWindow, kioskWindowOptions } from './kiosk-window';
import { asElectron } from './testing/as-electron';
import { fake } from './testing/fake-electron';

describe('createKioskWindow', () => {
  let closable: boolean;
  beforeEach(() => {
    fake.reset();
    closable = false;
  });
  const create = (production: boolean, windowed = false) =>
    createKioskWindow(
      {
        BrowserWindow: asElectron<typeof BrowserWindow>(fake.BrowserWindow),
        screen: asElectron<Screen>(fake.screen),
      },
      { preloadPath: '/app/main/dist/preload.cjs', production, windowed, mayClose: () => closable },
    );

  it('is a frameless fullscreen kiosk window over the whole primary display, with every hardening flag', () => {
    create(true);
    const window = fake.windows[0]!;
    expect(window.options).toMatchObject({
      x: 0,
      y: 0,
      width: 1080,
      height: 1920,
      fullscreen: true,
      kiosk: true,
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      alwaysOnTop: true,
      backgroundColor: KIOSK_BACKGROUND,
    });
    expect(window.options.webPreferences).toEqual({
      preload: '/app/main/dist/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      disableDialogs: true,
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
      enableWebSQL: false,
    });
    // The page is locked in as soon as the window exists.
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({
      action: 'deny',
    });
    expect(window.webContents.visualZoomLimits).toEqual([1, 1]);
  });

  it('keeps devtools available in development, and a normal window when asked', () => {
    expect(
      kioskWindowOptions(
        { preloadPath: '/p', production: false, windowed: false },
        { x: 0, y: 0, width: 1920, height: 1080 },
      ).webPreferences?.devTools,
    ).toBe(true);
    const windowed = kioskWindowOptions(
      { preloadPath: '/p', production: false, windowed: true },
      { x: 0, y: 0, width: 1920, height: 1080 },
    );
    expect(windowed).toMatchObject({ fullscreen: false, kiosk: false, frame: true, width: 540, height: 960 });
    expect(windowed.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
  });

  it('refuses to close until the app is quitting', () => {
    create(true);
    const window = fake.windows[0]!;
    window.close();
    expect(window.isDestroyed()).toBe(false);
    closable = true;
    window.close();
    expect(window.isDestroyed()).toBe(true);
  });
});
