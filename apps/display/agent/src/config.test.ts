import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DisplayConfigError, loadDisplayConfig, parseDisplayConfig } from './config';

const serverUrl = 'http://10.0.0.2:8080';
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** The message of the DisplayConfigError `run` throws. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DisplayConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a DisplayConfigError');
}

describe('display configuration', () => {
  it('has defaults for everything but the server', () => {
    const c = parseDisplayConfig({ serverUrl });
    expect(c).toMatchObject({
      dataDir: './.data/display',
      name: 'Display 1',
      logLevel: 'info',
      commandTimeoutMs: 2000,
      signMs: 3000,
      heartbeatIntervalMs: 60_000,
      boards: { path: null, baudRate: 9600, timeoutMs: 200, retries: 1, blinkSeconds: 5, units: [] },
      keypads: { hid: true, tcp: [], bindings: [], pollMs: 1000 },
    });
    expect(c.keypads.keymap.profiles[0]).toMatchObject({
      vendorId: 0x1189,
      productId: 0x8890,
      preset: 'f13-f19',
    });
  });

  it('layers file, then environment, then overrides', () => {
    dir = mkdtempSync(join(tmpdir(), 'novbe-display-config-'));
    const file = join(dir, 'display.json');
    writeFileSync(
      file,
      JSON.stringify({
        serverUrl,
        name: 'From file',
        boards: { path: '/dev/ttyUSB0', units: [{ unit: 1, counterId: 'counter-1' }] },
      }),
    );
    const c = loadDisplayConfig({
      env: {
        NOVBE_DISPLAY_CONFIG: file,
        NOVBE_DISPLAY_NAME: 'From env',
        NOVBE_DISPLAY_SIGN_MS: '1500',
        NOVBE_DISPLAY_KEYPADS: JSON.stringify({ hid: false, tcp: [{ port: 9310, counterId: 'counter-1' }] }),
      },
      overrides: { logLevel: 'silent' },
    });
    expect(c).toMatchObject({ name: 'From env', signMs: 1500, logLevel: 'silent' });
    expect(c.boards).toMatchObject({ path: '/dev/ttyUSB0', units: [{ unit: 1, counterId: 'counter-1' }] });
    expect(c.keypads.tcp).toEqual([
      { host: '127.0.0.1', port: 9310, vendorId: 0x1189, productId: 0x8890, counterId: 'counter-1' },
    ]);
  });

  it('names the key and what was expected', () => {
    expect(refusal(() => parseDisplayConfig({}))).toMatch(/serverUrl:/);
    expect(refusal(() => parseDisplayConfig({ serverUrl: 'ftp://x' }))).toMatch(/serverUrl:/);
    expect(refusal(() => parseDisplayConfig({ serverUrl, signMs: 10 }))).toMatch(/signMs: .*>=500/);
    expect(
      refusal(() => parseDisplayConfig({ serverUrl, boards: { units: [{ unit: 0, counterId: 'c' }] } })),
    ).toMatch(/boards\.units\.0\.unit: /);
    expect(
      refusal(() =>
        parseDisplayConfig({
          serverUrl,
          boards: {
            units: [
              { unit: 2, counterId: 'a' },
              { unit: 2, counterId: 'b' },
            ],
          },
        }),
      ),
    ).toMatch(/boards\.units\.1\.unit: unit 2 is listed twice/);
    expect(
      refusal(() =>
        parseDisplayConfig({ serverUrl, keypads: { bindings: [{ match: {}, counterId: 'c' }] } }),
      ),
    ).toMatch(/keypads\.bindings\.0\.match: name at least one of/);
    expect(
      refusal(() =>
        parseDisplayConfig({
          serverUrl,
          keypads: { bindings: [{ match: { vendorId: 'x' }, counterId: 'c' }] },
        }),
      ),
    ).toMatch(/keypads\.bindings\.0\.match\.vendorId/);
    expect(refusal(() => parseDisplayConfig({ serverUrl, boards: { speed: 1 } }))).toMatch(
      /boards: .*\(speed\)/,
    );
    expect(
      refusal(() =>
        parseDisplayConfig({
          serverUrl,
          keypads: { keymap: { profiles: [{ name: 'p', vendorId: 1, keys: { NoSuchKey: 'next' } }] } },
        }),
      ),
    ).toMatch(/keypads\.keymap: profiles\.0\.keys\.NoSuchKey/);
    expect(
      refusal(() => parseDisplayConfig({ serverUrl, keypads: { tcp: [{ port: 1 }, { port: 1 }] } })),
    ).toMatch(/keypads\.tcp\.1\.port: tcp:\/\/127\.0\.0\.1:1 is listed twice/);
  });

  it('refuses an environment variable that should hold JSON, and an unreadable file', () => {
    expect(
      refusal(() =>
        loadDisplayConfig({ env: { NOVBE_DISPLAY_SERVER_URL: serverUrl, NOVBE_DISPLAY_BOARDS: '{' } }),
      ),
    ).toMatch(/boards: NOVBE_DISPLAY_BOARDS must hold JSON/);
    expect(
      refusal(() => loadDisplayConfig({ env: { NOVBE_DISPLAY_CONFIG: '/nonexistent/display.json' } })),
    ).toMatch(/cannot read display configuration file \/nonexistent\/display\.json/);
  });
});
