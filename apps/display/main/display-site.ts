import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  appSite,
  contentSecurityPolicy,
  cspDirectives,
  formatCsp,
  metaCsp,
  type AutostartEntry,
  type ShellLogger,
  type WindowLook,
} from '@novbe/appliance';

/** The display renderer's origin: `novbe://display`, served from `renderer/dist`. */
export const DISPLAY_SITE = appSite('display');

/** The screens' background (renderer/src/styles/display.css), shown before the first paint. */
export const DISPLAY_BACKGROUND = '#0b1a2e';

/** A display window: its title, its colour before the page paints, a landscape window in development. */
export const DISPLAY_LOOK: WindowLook = {
  title: 'Növbə',
  background: DISPLAY_BACKGROUND,
  windowedSize: { width: 960, height: 540 },
};

/** The XDG autostart entry: one per machine, replaced on every start. */
export const DISPLAY_AUTOSTART: AutostartEntry = {
  fileName: 'novbe-display.desktop',
  name: 'Növbə Display',
  comment: 'Növbə hall and counter screens',
};

/**
 * The display page's Content Security Policy as the shell sends it: the built page's own
 * `<meta>` policy (the one the center server also sends to a TV's browser) plus
 * `frame-ancestors 'none'`, with `connect-src` narrowed from any http(s)/ws(s) origin to the
 * one center server this display is configured for. Without a built page (nothing to show
 * anyway) a strict default with the same `connect-src`.
 */
export function displayCsp(rendererDir: string, serverUrl: string, log?: ShellLogger): string {
  const http = new URL(serverUrl).origin;
  const connect = `'self' ${http} ${http.replace(/^http/, 'ws')}`;
  let meta: string | null;
  try {
    meta = metaCsp(readFileSync(join(rendererDir, 'index.html'), 'utf8'));
  } catch {
    meta = null;
  }
  if (!meta) {
    log?.warn({ rendererDir }, 'the display page has no CSP meta tag (not built?); a strict default is sent');
    return contentSecurityPolicy({ connectSrc: connect.split(' ').slice(1) });
  }
  const directives = cspDirectives(meta);
  directives.set('connect-src', connect);
  directives.set('frame-ancestors', "'none'");
  return formatCsp(directives);
}
