import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { appSite } from './app-protocol';

const site = appSite('kiosk');
const APP_INDEX_URL = site.indexUrl;
const CSP = "default-src 'self'";
import { lockDownContents, lockDownSession, shortcutVerdict } from './lockdown';
import { asElectron } from './testing/as-electron';
import { FakeSession, FakeWebContents, fake } from './testing/fake-electron';

const key = (
  key: string,
  code: string,
  mods: Partial<Record<'control' | 'meta' | 'alt' | 'shift', boolean>> = {},
) => ({
  type: 'keyDown',
  key,
  code,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

describe('lockDownContents', () => {
  let contents: FakeWebContents;
  let quits: number;
  beforeEach(() => {
    fake.reset();
    contents = new FakeWebContents(fake);
    quits = 0;
  });
  const lock = (production: boolean) =>
    lockDownContents(asElectron<WebContents>(contents), { site, production, onQuitChord: () => quits++ });

  it("blocks navigation away from the appliance's origin, allows its own document and in-page moves", () => {
    lock(true);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(contents.fire(event, { url: 'https://example.com/phish' }), event).toBe(true);
      expect(contents.fire(event, { url: 'file:///etc/passwd' }), event).toBe(true);
      expect(contents.fire(event, { url: 'novbe://other/index.html' }), event).toBe(true);
      expect(contents.fire(event, { url: APP_INDEX_URL }), event).toBe(false);
      expect(contents.fire(event, { url: 'https://example.com/#x', isSameDocument: true }), event).toBe(
        false,
      );
    }
  });

  it('denies window.open and refuses webviews', () => {
    lock(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: APP_INDEX_URL })).toEqual({ action: 'deny' });
    expect(contents.fire('will-attach-webview', {}, { preload: '/x' }, { src: 'https://example.com' })).toBe(
      true,
    );
  });

  it('pins zoom: visual limits 1..1 (again after each load), Ctrl+wheel zoom undone', async () => {
    lock(false);
    expect(contents.visualZoomLimits).toEqual([1, 1]);
    contents.visualZoomLimits = null;
    await contents.loadURL(APP_INDEX_URL);
    expect(contents.visualZoomLimits).toEqual([1, 1]);
    contents.zoomFactor = 1.5;
    expect(contents.fire('zoom-changed', {}, 'in')).toBe(true);
    expect(contents.zoomFactor).toBe(1);
  });

  it('swallows zoom keys in every build, browser shortcuts and F-keys in production', () => {
    lock(true);
    const pressed = (input: ReturnType<typeof key>) => contents.fire('before-input-event', {}, input);
    expect(pressed(key('+', 'Equal', { control: true, shift: true }))).toBe(true);
    expect(pressed(key('-', 'Minus', { control: true }))).toBe(true);
    expect(pressed(key('0', 'Digit0', { meta: true }))).toBe(true);
    expect(pressed(key('r', 'KeyR', { control: true }))).toBe(true);
    expect(pressed(key('I', 'KeyI', { control: true, shift: true }))).toBe(true);
    expect(pressed(key('F12', 'F12'))).toBe(true);
    expect(pressed(key('F5', 'F5'))).toBe(true);
    expect(pressed(key('ArrowLeft', 'ArrowLeft', { alt: true }))).toBe(true);
    expect(pressed(key('BrowserBack', 'BrowserBack'))).toBe(true);
    // Typing in the search box still works.
    expect(pressed(key('ə', 'KeyE'))).toBe(false);
    expect(pressed(key('A', 'KeyA', { shift: true }))).toBe(false);
    expect(pressed(key('Backspace', 'Backspace'))).toBe(false);
    expect(contents.devToolsOpened).toBe(false);
  });

  it('in development leaves shortcuts alone but still pins zoom; F12 toggles devtools', () => {
    lock(false);
    const pressed = (input: ReturnType<typeof key>) => contents.fire('before-input-event', {}, input);
    expect(pressed(key('r', 'KeyR', { control: true }))).toBe(false);
    expect(pressed(key('=', 'Equal', { control: true }))).toBe(true);
    expect(pressed(key('F12', 'F12'))).toBe(true);
    expect(contents.devToolsOpened).toBe(true);
  });

  it('quits on the technician chord Ctrl+Alt+Shift+Q only', () => {
    lock(true);
    contents.fire('before-input-event', {}, key('q', 'KeyQ', { control: true, alt: true }));
    expect(quits).toBe(0);
    expect(
      contents.fire('before-input-event', {}, key('Q', 'KeyQ', { control: true, alt: true, shift: true })),
    ).toBe(true);
    expect(quits).toBe(1);
  });

  it('closes devtools at once in production, not in development', () => {
    lock(true);
    contents.openDevTools();
    expect(contents.devToolsOpened).toBe(false);
    const dev = new FakeWebContents(fake);
    lockDownContents(asElectron<WebContents>(dev), { site, production: false });
    dev.openDevTools();
    expect(dev.devToolsOpened).toBe(true);
  });

  it('ignores key releases', () => {
    expect(shortcutVerdict({ ...key('F12', 'F12'), type: 'keyUp' }, true)).toBe('allow');
  });
});

describe('lockDownSession', () => {
  it('denies every permission, cancels downloads and stamps the CSP on responses', () => {
    const session = new FakeSession();
    lockDownSession(asElectron<Session>(session), CSP);
    for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'clipboard-read']) {
      let granted: boolean | undefined;
      session.permissionRequestHandler?.(null, permission, (ok) => (granted = ok));
      expect(granted, permission).toBe(false);
      expect(session.permissionCheckHandler?.(null, permission), permission).toBe(false);
    }
    expect(session.devicePermissionHandler?.({ deviceType: 'hid' })).toBe(false);
    const download = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    session.emit('will-download', download, {}, null);
    expect(download.defaultPrevented).toBe(true);

    let headers: Record<string, string[]> | undefined;
    session.headersReceived?.(
      {
        url: 'https://example.com/',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CSP] });

    // A policy that follows the configuration is asked on each response.
    const later = new FakeSession();
    let policy = 'a';
    lockDownSession(asElectron<Session>(later), () => policy);
    policy = 'b';
    later.headersReceived?.({ url: 'https://example.com/' }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'Content-Security-Policy': ['b'] });
  });
});
