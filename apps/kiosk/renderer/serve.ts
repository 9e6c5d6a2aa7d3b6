import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build -w apps/kiosk` puts the renderer. */
export const RENDERER_DIST = fileURLToPath(new URL('./dist', import.meta.url));

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** The built renderer is missing: run `npm run build -w apps/kiosk` first. */
export class RendererNotBuiltError extends Error {
  override name = 'RendererNotBuiltError';
}

export interface RendererServer {
  /** e.g. `http://127.0.0.1:41234/` */
  readonly url: string;
  /** The page URL that connects to an agent at `agentUrl` with `token`, plus renderer settings. */
  pageUrl(agentUrl: string, token: string, settings?: Readonly<Record<string, string | number>>): string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer over HTTP on loopback, for tests, the benchmark and the demo (inside
 * the Electron shell it is served by the shell's own `novbe://` protocol). Every answer carries the
 * CSP of the page's own meta tag, plus `frame-ancestors 'none'`, which a meta tag cannot set.
 */
export async function serveRenderer(
  options: { distDir?: string; port?: number; host?: '127.0.0.1' } = {},
): Promise<RendererServer> {
  const root = resolve(options.distDir ?? RENDERER_DIST);
  let indexHtml: string;
  try {
    indexHtml = await readFile(join(root, 'index.html'), 'utf8');
  } catch {
    throw new RendererNotBuiltError(`no built renderer in ${root}: run \`npm run build -w apps/kiosk\``);
  }
  const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml)?.[1];
  if (!policy) throw new RendererNotBuiltError(`${root}/index.html has no Content-Security-Policy meta tag`);
  const headers = {
    'Content-Security-Policy': `${policy}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };

  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400, headers).end();
      return;
    }
    if (path === '/') path = '/index.html';
    const file = resolve(join(root, path));
    const inside = relative(root, file);
    if (path.includes('\0') || inside.startsWith('..') || isAbsolute(inside)) {
      res.writeHead(404, headers).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    pageUrl(agentUrl, token, settings = {}) {
      const query = new URLSearchParams({ agent: agentUrl, token });
      for (const [key, value] of Object.entries(settings)) query.set(key, String(value));
      return `${url}index.html?${query}`;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
