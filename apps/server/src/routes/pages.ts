import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RoutePlugin } from '../context';

/**
 * A web page the server hands out to browsers on the LAN (a smart TV's hall screen): a built
 * single-page app in `dir`, at `prefix`. Its answers carry the page's own Content Security
 * Policy (the `<meta>` of its index.html, plus `frame-ancestors 'none'`), not the API's.
 */
interface Page {
  readonly prefix: `/${string}/`;
  readonly dir: string | undefined;
  /** What the page is, for the answer when it is not built. */
  readonly title: string;
  /** The config key that names its directory. */
  readonly configKey: string;
}

const CSP_META = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/;

async function servePage(app: FastifyInstance, page: Page): Promise<void> {
  const root = page.dir ? resolve(page.dir) : null;
  const index = root && join(root, 'index.html');
  const bare = page.prefix.slice(0, -1);
  app.get(bare, (_req, reply) => reply.redirect(page.prefix, 301));
  if (!index || !existsSync(index)) {
    // Not a 404: say what is missing and how to get it.
    app.get(`${page.prefix}*`, (_req, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          `The ${page.title} is not available: ${root ? `${root} holds no built page` : `${page.configKey} is not set`}. ` +
            'Build it with `npm run build -w apps/display` and set the directory in the server configuration.',
        ),
    );
    return;
  }
  const policy = CSP_META.exec(readFileSync(index, 'utf8'))?.[1];
  if (!policy) throw new Error(`${index} has no Content Security Policy meta tag`);
  await app.register(async (scope) => {
    // After helmet's hook (registered earlier, at the root): the page's own policy wins.
    scope.addHook('onRequest', async (_req, reply) => {
      reply.header('content-security-policy', `${policy}; frame-ancestors 'none'`);
      reply.header('cache-control', 'no-cache');
    });
    await scope.register(fastifyStatic, { root: root!, prefix: page.prefix, decorateReply: false });
  });
}

/** The pages the server serves: the hall and counter screen for browsers (smart TVs). */
export const pageRoutes: RoutePlugin = async (app, { ctx }) => {
  await servePage(app, {
    prefix: '/display/',
    dir: ctx.config.displayDir,
    title: 'display page (hall and counter screens)',
    configKey: 'displayDir (NOVBE_DISPLAY_DIR)',
  });
};
