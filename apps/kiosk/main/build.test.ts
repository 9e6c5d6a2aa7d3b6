import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import type { KioskBridge } from '@novbe/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShellBundles } from '@novbe/appliance/build';
import {
  EVALUATED_BEFORE_READY,
  buildForTest,
  fake,
  fakeAppPage,
  requiredModules,
  runBuiltMain,
  runBuiltPreload,
} from '@novbe/appliance/testing';
import { buildShell } from './build';
import { KIOSK_METHODS } from './kiosk-methods';
import { KIOSK_SITE } from './kiosk-site';
import { READY_STATUS, sampleAgent } from './testing/sample-handlers';

const HERE = dirname(fileURLToPath(import.meta.url));

describe('buildShell', () => {
  let out: string;
  let bundles: ShellBundles;
  beforeAll(async () => {
    ({ out, bundles } = await buildForTest(HERE, (outDir) => buildShell({ outDir })));
  }, 60_000);
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('bundles a preload whose only require is electron, small enough to parse before every page', async () => {
    const code = await readFile(bundles.preload, 'utf8');
    expect(requiredModules(code)).toEqual(['electron']);
    expect(code).not.toMatch(/\brequire\(\s*[^"'`]/); // no computed require
    expect(code).not.toMatch(/\bimport\s*\(|\bimport\s+[\w{*]/);
    expect(Buffer.byteLength(code)).toBeLessThan(8 * 1024);
  });

  it('runs the built preload in a sandbox-like context: it exposes the bridge that reaches the agent', async () => {
    fake.reset();
    await fakeAppPage({ site: KIOSK_SITE, methods: KIOSK_METHODS, handlers: sampleAgent().handlers });
    await runBuiltPreload(bundles.preload);
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
    const from = out;
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

  it('evaluates main.js to the end before ready, registering the scheme on the way (Electron waits for it)', async () => {
    const { stderr, status, report } = await runMain({ NOVBE_KIOSK_SERVER_URL: 'http://127.0.0.1:9' });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(report).toEqual(EVALUATED_BEFORE_READY);
  });

  it('stops main.js with exit 78 and the key named when the agent configuration is bad', async () => {
    const { stdout, stderr, report } = await runMain({ NOVBE_KIOSK_SERVER_URL: 'ftp://nowhere' });
    expect(stderr).toMatch(/invalid kiosk configuration:\n\s+serverUrl:/);
    // The fatal line is written before the exit (a synchronous destination).
    expect(stdout).toMatch(/"level":60,.*"msg":"the kiosk could not start"/);
    expect(report).toMatchObject({
      evaluated: true,
      exitCode: 78,
      schemes: [],
    });
  });

  const runMain = (env: Record<string, string>) =>
    runBuiltMain(out, { NOVBE_KIOSK_LOG_LEVEL: 'silent', ...env });
});
