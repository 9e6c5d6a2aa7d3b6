import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('server configuration', () => {
  it('layers defaults, file, environment and overrides', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'novbe-config-')), 'server.json');
    writeFileSync(file, JSON.stringify({ port: 9000, dataDir: '/srv/novbe', logLevel: 'warn' }));
    const config = loadConfig({ file, env: { NOVBE_PORT: '9100' }, overrides: { logLevel: 'debug' } });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9100,
      dataDir: '/srv/novbe',
      logLevel: 'debug',
      busyTimeoutMs: 5000,
    });
  });

  it('stops on a bad value, naming the key and what was expected', () => {
    expect(() => loadConfig({ env: { NOVBE_PORT: 'eighty' } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { NOVBE_PORT: '70000' } })).toThrow(/port: .*65535/);
    expect(() => loadConfig({ env: { NOVBE_LOG_LEVEL: 'loud' } })).toThrow(/logLevel/);
    expect(() => loadConfig({ env: { NOVBE_ADMIN_PASSWORD: 'short' } })).toThrow(/adminPassword/);
    expect(() => loadConfig({ env: {}, overrides: { nonsense: 1 } as never })).toThrow(
      /nonsense|Unrecognized key/,
    );
    expect(() => loadConfig({ file: '/no/such/file.json', env: {} })).toThrow(
      /cannot read configuration file/,
    );
  });
});
