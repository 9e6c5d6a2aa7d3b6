import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DisplayBridge } from '@novbe/protocol';
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildShell } from './build';
import { DISPLAY_METHODS } from './display-methods';
import { DISPLAY_SITE } from './display-site';
import { SERVER_URL, sampleDisplayAgent } from './testing/sample-display-agent';

const HERE = dirname(fileURLToPath(import.meta.url));

describe('the display shell bundles', () => {
  let out: string;
  let bundles: ShellBundles;
  beforeAll(async () => {
    ({ out, bundles } = await buildForTest(HERE, (outDir) => buildShell({ outDir })));
  }, 60_000);
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('has a preload whose only require is electron, a few KB, that exposes window.novbeDisplay', async () => {
    const code = await readFile(bundles.preload, 'utf8');
    expect(requiredModules(code)).toEqual(['electron']);
    expect(Buffer.byteLength(code)).toBeLessThan(8 * 1024);

    fake.reset();
    await fakeAppPage({
      site: DISPLAY_SITE,
      methods: DISPLAY_METHODS,
      handlers: sampleDisplayAgent().handlers,
    });
    await runBuiltPreload(bundles.preload);
    const bridge = fake.exposed.get('novbeDisplay') as DisplayBridge;
    expect(await bridge.invoke('screen-setup')).toEqual({
      ok: true,
      value: { serverUrl: SERVER_URL, token: null },
    });
    expect(await (bridge.invoke as (m: string) => Promise<unknown>)('kiosk-status')).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  const runMain = (env: Record<string, string>) =>
    runBuiltMain(out, {
      NOVBE_DISPLAY_LOG_LEVEL: 'silent',
      NOVBE_DISPLAY_SERVER_URL: 'http://127.0.0.1:9',
      ...env,
    });

  it('evaluates main.js to the end before ready, registering the scheme on the way', async () => {
    const { stderr, status, report } = await runMain({ NOVBE_DISPLAY_SCREENS: 'hall:h1,counter:c3@1' });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(report).toEqual(EVALUATED_BEFORE_READY);
  });

  it('stops with exit 78 and the variable named when NOVBE_DISPLAY_SCREENS is bad or missing', async () => {
    for (const env of [{ NOVBE_DISPLAY_SCREENS: 'hall:h1,lobby:2' }, {}] as Record<string, string>[]) {
      // The log is silenced by NOVBE_DISPLAY_LOG_LEVEL; the message goes to stderr whatever the level.
      const { stderr, report } = await runMain(env);
      expect(stderr).toMatch(/invalid display shell configuration:\n\s+NOVBE_DISPLAY_SCREENS \(screens\):/);
      expect(report).toMatchObject({ evaluated: true, exitCode: 78, schemes: [] });
    }
  });

  it("stops with exit 78 and the key named when the agent's configuration is bad", async () => {
    const { stderr, report } = await runMain({
      NOVBE_DISPLAY_SERVER_URL: 'ftp://nowhere',
      NOVBE_DISPLAY_SCREENS: 'hall:h1',
    });
    expect(stderr).toMatch(/serverUrl/);
    expect(report).toMatchObject({ evaluated: true, exitCode: 78, schemes: [] });
  });
});
