import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { ShellBundles } from '../build';
import { electronModule } from './fake-electron';

/** The `require` calls of a bundle, by the module they name. */
export function requiredModules(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*(["'`])(.*?)\1\s*\)/g)].map((m) => m[2]!);
}

/**
 * Runs a built preload.cjs the way a sandboxed preload runs: it gets 'electron' (the fake's
 * `contextBridge` and `ipcRenderer`) and a handful of globals, never Node's modules.
 */
export async function runBuiltPreload(path: string): Promise<void> {
  const module = { exports: {} };
  const requireInSandbox = (id: string) => {
    if (id !== 'electron') throw new Error(`module not found: ${id}`);
    return { contextBridge: electronModule.contextBridge, ipcRenderer: electronModule.ipcRenderer };
  };
  runInNewContext(await readFile(path, 'utf8'), {
    require: requireInSandbox,
    module,
    exports: module.exports,
    Promise,
    Set,
    TypeError,
    String,
  });
}

/** What a built main.js did when imported under plain Node with a stand-in 'electron'. */
export interface BuiltMainRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
  /** Whether the module evaluated to its end, the code it passed to `app.exit`, the schemes it registered. */
  readonly report: { evaluated: boolean; exitCode: number | null; schemes: object[] } | undefined;
}

/**
 * Imports the built main.js in `outDir` under plain Node, with 'electron' resolved to a tiny
 * stand-in that never becomes ready (like Electron before the entry has evaluated), and reports
 * what it saw. `env` is the whole environment besides PATH and HOME.
 */
export async function runBuiltMain(outDir: string, env: Record<string, string>): Promise<BuiltMainRun> {
  await writeFile(
    join(outDir, 'electron-stub.mjs'),
    `const noop = () => {};
export const app = {
  isPackaged: false,
  commandLine: { appendSwitch: noop },
  requestSingleInstanceLock: () => true,
  on: noop,
  quit: noop,
  whenReady: () => new Promise(noop),
  exit: (code) => { globalThis.__exitCode = code; },
};
export const protocol = { registerSchemesAsPrivileged: (s) => { globalThis.__schemes.push(...s); }, handle: noop };
export const BrowserWindow = class {};
export const ipcMain = { handle: noop, removeHandler: noop };
export const Menu = { setApplicationMenu: noop };
export const screen = {};
export const session = {};
`,
  );
  await writeFile(
    join(outDir, 'electron-hooks.mjs'),
    `export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('./electron-stub.mjs', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
`,
  );
  await writeFile(
    join(outDir, 'run-main.mjs'),
    `import { register } from 'node:module';
register('./electron-hooks.mjs', import.meta.url);
globalThis.__schemes = [];
globalThis.__exitCode = null;
await import('./main.js');
console.log(JSON.stringify({ evaluated: true, exitCode: globalThis.__exitCode, schemes: globalThis.__schemes }));
process.exit(0);
`,
  );
  const child = spawnSync(process.execPath, [join(outDir, 'run-main.mjs')], {
    env: { PATH: process.env.PATH ?? '', HOME: outDir, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  // The runner's own line among pino's (pino writes asynchronously: its lines may come later).
  const line = child.stdout.split('\n').find((l) => l.startsWith('{"evaluated"'));
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    status: child.status,
    report: line ? JSON.parse(line) : undefined,
  };
}

/**
 * Builds an app's bundles into a fresh folder under its `main/dist` (git-ignored), so the built
 * main.js finds its npm packages in node_modules up the tree as it will at run time. The caller
 * removes `out`.
 */
export async function buildForTest(
  mainDir: string,
  build: (outDir: string) => Promise<ShellBundles>,
): Promise<{ out: string; bundles: ShellBundles }> {
  await mkdir(join(mainDir, 'dist'), { recursive: true });
  const out = await mkdtemp(join(mainDir, 'dist', 'test-build-'));
  return { out, bundles: await build(out) };
}
