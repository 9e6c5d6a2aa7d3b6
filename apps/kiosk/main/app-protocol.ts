import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { CustomScheme } from 'electron';
import { KIOSK_CSP } from './content-security-policy';

/**
 * The renderer is served from a custom scheme rather than file://: it gets a real origin
 * (`novbe://kiosk`), so CSP `'self'`, the IPC sender check and module scripts behave as on the
 * web, and no other file on the disk is reachable from the page.
 */
export const APP_SCHEME = 'novbe';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Registered before `ready`: a standard, secure scheme with fetch and V8 code cache. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/**
 * Whether a URL belongs to the kiosk renderer. Compared by scheme and host: Node's WHATWG URL
 * reports the origin of an unknown scheme as "null", Chromium as `novbe://kiosk`.
 */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/**
 * Answers a `novbe://kiosk/…` request from the built renderer in `distDir`. Only GET and HEAD of
 * files inside `distDir`; everything carries the kiosk CSP (webRequest header hooks do not run
 * for custom schemes, so the header is set here).
 */
export async function serveRenderer(distDir: string, request: Request): Promise<Response> {
  const headers = {
    'Content-Security-Policy': KIOSK_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return new Response('method not allowed', { status: 405, headers });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return new Response('bad url', { status: 400, headers });
  }
  if (!isAppUrl(url.href)) return new Response('not found', { status: 404, headers });
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return new Response('bad url', { status: 400, headers });
  }
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(distDir);
  const file = resolve(join(root, path));
  const inside = relative(root, file);
  if (path.includes('\0') || inside.startsWith('..') || isAbsolute(inside))
    return new Response('not found', { status: 404, headers });
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return new Response('not found', { status: 404, headers });
  }
  const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...headers, 'Content-Type': type },
  });
}
