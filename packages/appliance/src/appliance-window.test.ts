import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { appSite } from './app-protocol';
import { applianceWindowOptions, createApplianceWindow, type WindowLook } from './appliance-window';
import { asElectron } from './testing/as-electron';
import { fake } from './testing/fake-electron';

const site = appSite('kiosk');
const look: WindowLook = { title: 'Növbə', background: '#0b2e4f', windowedSize: { width: 540, height: 960 } };

describe('createApplianceWindow', () => {
  let closable: boolean;
  beforeEach(() => {
    fake.reset();
    closable = false;
  });
  const create = (production: boolean, windowed = false) =>
    createApplianceWindow(
      { BrowserWindow: asElectron<typeof BrowserWindow>(fake.BrowserWindow) },
      {
        site,
        look,
        preloadPath: '/app/main/dist/preload.cjs',
        production,
        windowed,
        bounds: fake.screen.getPrimaryDisplay().bounds,
        mayClose: () => closable,
      },
    );

  it('is a frameless fullscreen kiosk-mode window over the whole monitor, with every hardening flag', () => {
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
      backgroundColor: '#0b2e4f',
      title: 'Növbə',
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

  it('fills the monitor it is given, wherever it sits', () => {
    const options = applianceWindowOptions({
      look,
      preloadPath: '/p',
      production: true,
      windowed: false,
      bounds: { x: 1080, y: 0, width: 1920, height: 1080 },
    });
    expect(options).toMatchObject({ x: 1080, y: 0, width: 1920, height: 1080, fullscreen: true });
  });

  it('keeps devtools available in development, and a normal window when asked', () => {
    expect(
      applianceWindowOptions({
        look,
        preloadPath: '/p',
        production: false,
        windowed: false,
        bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      }).webPreferences?.devTools,
    ).toBe(true);
    const windowed = applianceWindowOptions({
      look,
      preloadPath: '/p',
      production: false,
      windowed: true,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    });
    expect(windowed).toMatchObject({ fullscreen: false, kiosk: false, frame: true, width: 540, height: 960 });
    expect(windowed).not.toHaveProperty('x');
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
