import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import type { IpcMain, WebContents } from 'electron';
import type { KioskBridge } from '@novbe/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from './app-protocol';
import { buildShell, type ShellBundles } from './build';
import { registerIpcCarrier } from './ipc-carrier';
import { asElectron } from './testing/as-electron';
import { FakeWebContents, electronModule, fake } from './testing/fake-electron';
import { READY_STATUS, sampleAgent } from './testing/sample-handlers';

const HERE = dirname(fileURLToPath(import.meta.url));

describe('buildShell', () => {
  let out: string;
  let bundles: ShellBundles;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'novbe-shell-build-'));
    bundles = await buildShell({ outDir: out });
  }, 60_000);
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('bundles a preload whose only require is electron, small enough to parse before every page', async () => {
    const code = await readFile(bundles.preload, 'utf8');
    const required = [...code.matchAll(/\brequire\(\s*(["'`])(.*?)\1\s*\)/g)].map((m) => m[2]);
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/\brequire\(\s*[^"'`]/); // no computed require
    expect(code).not.toMatch(/\bimport\s*\(|\bimport\s+[\w{*]/);
    expect(Buffer.byteLength(code)).toBeLessThan(8 * 1024);
  });

  it('runs the built preload in a sandbox-like context: it exposes the bridge that reaches the agent', async () => {
    fake.reset();
    const page = new FakeWebContents(fake);
    await page.loadURL(APP_INDEX_URL);
    fake.preloadContents = page;
    const agent = sampleAgent();
    registerIpcCarrier(asElectron<IpcMain>(fake.ipcMain), {
      handlers: () => agent.handlers,
      contents: () => asElectron<WebContents>(page),
    });
    const module = { exports: {} };
    const requireInSandbox = (id: string) => {
      // A sandboxed preload gets 'electron' and a handful of polyfills, never Node's modules.
      if (id !== 'electron') throw new Error(`module not found: ${id}`);
      return { contextBridge: electronModule.contextBridge, ipcRenderer: electronModule.ipcRenderer };
    };
    runInNewContext(await readFile(bundles.preload, 'utf8'), {
      require: requireInSandbox,
      module,
      exports: module.exports,
      Promise,
      Set,
      TypeError,
      String,
    });
    const bridge = fake.exposed.get('novbeKiosk') as KioskBridge;
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    expect(await bridge.invoke('kiosk-status')).toEqual({ ok: true, value: READY_STATUS });
    expect(await (bridge.invoke as (m: string) => Promise<unknown>)('eval')).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('bundles the workspace into an ESM main.js whose imports all resolve from apps/kiosk at run time', async () => {
    const code = await readFile(bundles.main, 'utf8');
    const check = spawnSync(process.execPath, ['--input-type=module', '--check'], {
      input: code,
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);

    const specifiers = new Set(
      [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(["'])([^"']+)\1/g)].map((m) => m[2]!),
    );
    expect(specifiers).toContain('electron');
    expect([...specifiers].filter((s) => s.startsWith('@novbe/') || s.startsWith('.'))).toEqual([]);
    const builtins = new Set(builtinModules);
    const packages = [...specifiers]
      .filter((s) => !s.startsWith('node:') && !builtins.has(s) && s !== 'electron')
      .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
    expect(packages).toEqual(expect.arrayContaining(['better-sqlite3', 'pino']));
    // Node's package lookup from where main.js runs: node_modules folders up the tree.
    const from = join(HERE, 'dist');
    for (const name of new Set(packages)) {
      let dir = from;
      let found = false;
      for (;;) {
        if (existsSync(join(dir, 'node_modules', name, 'package.json'))) found = true;
        const parent = dirname(dir);
        if (found || parent === dir) break;
        dir = parent;
      }
      expect(found, name).toBe(true);
    }
  });

  it('keeps assets a bundled package finds beside itself (the printer fonts), unpacked from app.asar', async () => {
    const code = await readFile(bundles.main, 'utf8');
    const expr = code.match(
      /new URL\("\.\/hardware\/printer\/src\/fonts\.ts",import\.meta\.url\)\.href\.replace\([^)]*\)/,
    )?.[0];
    expect(expr).toBeDefined();
    // fonts.ts asks for `../fonts/<file>` relative to its own URL; evaluate the bundle's own expression.
    const fontsTsUrl = (mainUrl: string) =>
      runInNewContext(expr!.replace('import.meta.url', JSON.stringify(mainUrl)), { URL }) as string;
    const font = (mainUrl: string) =>
      fileURLToPath(new URL('../fonts/DejaVuSansCondensed.ttf', fontsTsUrl(mainUrl)));
    expect(font(pathToFileURL(join(out, 'main.js')).href)).toBe(
      join(out, 'hardware', 'printer', 'fonts', 'DejaVuSansCondensed.ttf'),
    );
    expect(existsSync(join(out, 'hardware', 'printer', 'fonts', 'DejaVuSansCondensed.ttf'))).toBe(true);
    expect(font('file:///opt/Novbe/resources/app.asar/main/dist/main.js')).toBe(
      '/opt/Novbe/resources/app.asar.unpacked/main/dist/hardware/printer/fonts/DejaVuSansCondensed.ttf',
    );
  });
});
