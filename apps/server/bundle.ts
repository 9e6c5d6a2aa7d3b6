/**
 * Builds the server as it is deployed: `dist/novbe-server.mjs`, one ES module holding the
 * server and the workspace packages it uses (`@novbe/*`), run by plain `node` with no
 * TypeScript loader in the process. Packages from npm stay outside, loaded from
 * node_modules as usual (better-sqlite3 is native). The WAL checkpointer's worker file is
 * copied beside it, where `Checkpointer` looks for it.
 *
 * `npm run build -w @novbe/server`, then `npm run serve -w @novbe/server` (or run the file: its
 * first line starts node with `SERVER_NODE_FLAGS` and `SERVER_ENV`, src/tuning/).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { SERVER_ENV } from './src/tuning/malloc';
import { SERVER_NODE_FLAGS } from './src/tuning/node-flags';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
export const SERVER_BUNDLE = here('dist/novbe-server.mjs');

/** Bundles only this repository's code: any bare import but `@novbe/…` is left to node. */
const npmPackagesOutside: Plugin = {
  name: 'npm-packages-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@novbe/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** One ES module for plain node, with npm packages left outside: the server and its benchmark. */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [npmPackagesOutside],
  logLevel: 'warning',
} satisfies BuildOptions;

/** `SERVER_ENV` as `env` takes it: `NAME=value …`. */
const serverEnv = Object.entries(SERVER_ENV)
  .map(([name, value]) => `${name}=${value}`)
  .join(' ');

export async function buildServer(): Promise<string> {
  mkdirSync(here('dist'), { recursive: true });
  await build({
    ...NODE_BUNDLE,
    entryPoints: [here('src/main.ts')],
    outfile: SERVER_BUNDLE,
    sourcemap: 'linked',
    banner: { js: `#!/usr/bin/env -S ${serverEnv} node ${SERVER_NODE_FLAGS.join(' ')}` },
  });
  copyFileSync(
    here('../../packages/store/src/checkpointer.worker.mjs'),
    here('dist/checkpointer.worker.mjs'),
  );
  return SERVER_BUNDLE;
}
