import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { CustomScheme } from 'electron';

/**
 * An appliance's renderer is served from a custom scheme rather than file://: it gets a real
 * origin (`novbe://kiosk`, `novbe://display`), so CSP `'self'`, the IPC sender check and module
 * scripts behave as on the web, and no other file on the disk is reachable from the page.
 */
export const APP_SCHEME = 'novbe';

/** Registered before `ready`: a standard, secure scheme with fetch and V8 code cache. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** One appliance's place under the scheme: `novbe://<host>`. */
export interface AppSite {
  /** `kiosk`, `display`. */
  readonly host: string;
  /** `novbe://<host>` */
  readonly origin: string;
  /** `novbe://<host>/index.html` */
  readonly indexUrl: string;
  /**
   * Whether a URL belongs to this appliance's renderer. Compared by scheme and host: Node's
   * WHATWG URL reports the origin of an unknown scheme as "null", Chromium as `novbe://<host>`.
   */
  isAppUrl(url: string | undefined | null): boolean;
}

/** The site of the appliance whose renderer is served as `novbe://<host>`. */
export function appSite(host: string): AppSite {
  if (!/^[a-z][a-z0-9-]*$/.test(host)) throw new TypeError(`not a host name: ${host}`);
  const origin = `${APP_SCHEME}://${host}`;
  return {
    host,
    origin,
    indexUrl: `${origin}/index.html`,
    isAppUrl(url) {
      if (!url) return false;
      try {
        const u = new URL(url);
        return u.protocol === `${APP_SCHEME}:` && u.host === host;
      } catch {
        return false;
      }
    },
  };
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
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
};

export interface RendererSource {
  readonly site: AppSite;
  /** The built renderer (Vite's `dist`). */
  readonly distDir: string;
  /** The Content-Security-Policy every response carries; a function is asked on each request. */
  readonly csp: string | (() => string);
}

/**
 * Answers a `novbe://<host>/…` request from the built renderer in `distDir`. Only GET and HEAD
 * of files inside `distDir`; everything carries the CSP (webRequest header hooks do not run for
 * custom schemes, so the header is set here).
 */
export async function serveRenderer(source: RendererSource, request: Request): Promise<Response> {
  const headers = {
    'Content-Security-Policy': typeof source.csp === 'function' ? source.csp() : source.csp,
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
  if (!source.site.isAppUrl(url.href)) return new Response('not found', { status: 404, headers });
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return new Response('bad url', { status: 400, headers });
  }
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(source.distDir);
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
