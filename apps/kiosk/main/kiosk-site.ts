import { appSite, contentSecurityPolicy, type AutostartEntry, type WindowLook } from '@novbe/appliance';

/** The kiosk renderer's origin: `novbe://kiosk`, served from `renderer/dist`. */
export const KIOSK_SITE = appSite('kiosk');

/**
 * The kiosk renderer's Content Security Policy, sent as a header by the shell. The renderer's
 * `index.html` carries the same policy in a `<meta>` tag (for browsers, where the agent is
 * reached over ws://127.0.0.1); the header also enforces `frame-ancestors`.
 */
export const KIOSK_CSP = contentSecurityPolicy({
  // The browser carrier of the agent API: a WebSocket on loopback. Electron uses IPC instead.
  connectSrc: ['ws://127.0.0.1:*'],
});

/** The renderer's background, shown before its first paint (no white flash on the touchscreen). */
export const KIOSK_BACKGROUND = '#0b2e4f';

/** The kiosk window: its title, its colour before the page paints, a portrait window in development. */
export const KIOSK_LOOK: WindowLook = {
  title: 'Növbə',
  background: KIOSK_BACKGROUND,
  windowedSize: { width: 540, height: 960 },
};

/** The XDG autostart entry: one per machine, replaced on every start. */
export const KIOSK_AUTOSTART: AutostartEntry = {
  fileName: 'novbe-kiosk.desktop',
  name: 'Növbə Kiosk',
  comment: 'Növbə ticket kiosk',
};
