import { describe, expect, it } from 'vitest';
import { parseRendererConfig, RendererConfigError } from './config';

const token = 'abcdefghijklmnopqrstuvwxyz';

describe('parseRendererConfig', () => {
  it('reads the agent, the token and the timings, with defaults', () => {
    const config = parseRendererConfig(`?agent=ws://127.0.0.1:4567&token=${token}&idleMs=20000`, true);
    expect(config).toEqual({
      agent: 'ws://127.0.0.1:4567',
      token,
      idleMs: 20_000,
      warnMs: 10_000,
      ticketMs: 12_000,
      cardMs: 30_000,
    });
  });

  it('needs no agent inside the shell (the preload bridge is used)', () => {
    expect(parseRendererConfig('', false).idleMs).toBe(45_000);
  });

  it('names the bad key', () => {
    const bad = (search: string, key: RegExp) => {
      expect(() => parseRendererConfig(search, true)).toThrow(RendererConfigError);
      expect(() => parseRendererConfig(search, true)).toThrow(key);
    };
    bad(`?agent=ws://example.com:80&token=${token}`, /agent: .*loopback/);
    bad(`?agent=ws://127.0.0.1:80&token=short`, /token: /);
    bad(`?agent=ws://127.0.0.1:80&token=${token}&idleMs=soon`, /idleMs/);
    bad(`?agent=ws://127.0.0.1:80&token=${token}&idelMs=1000`, /idelMs/);
    bad(`?token=${token}`, /agent: required/);
    bad(`?agent=ws://127.0.0.1:80`, /token: required/);
  });
});
