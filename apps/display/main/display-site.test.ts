import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cspDirectives, metaCsp } from '@novbe/appliance';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { displayCsp } from './display-site';

const RENDERER = fileURLToPath(new URL('../renderer', import.meta.url));

describe('displayCsp', () => {
  it("is the page's own meta policy, plus frame-ancestors, with connect-src only to its center server", () => {
    const meta = cspDirectives(metaCsp(readFileSync(join(RENDERER, 'index.html'), 'utf8'))!);
    const header = cspDirectives(displayCsp(RENDERER, 'http://10.0.0.2:8080/'));
    expect(header.get('connect-src')).toBe("'self' http://10.0.0.2:8080 ws://10.0.0.2:8080");
    expect(header.get('frame-ancestors')).toBe("'none'");
    expect(header.get('script-src')).toBe("'self'");
    for (const name of ['connect-src', 'frame-ancestors']) {
      header.delete(name);
      meta.delete(name);
    }
    expect(header).toEqual(meta);
    expect(cspDirectives(displayCsp(RENDERER, 'https://center.local')).get('connect-src')).toBe(
      "'self' https://center.local wss://center.local",
    );
  });

  it('sends a strict default when the page is not built', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'novbe-display-csp-'));
    const warned: string[] = [];
    try {
      const policy = cspDirectives(
        displayCsp(empty, 'http://10.0.0.2:8080', {
          info() {},
          error() {},
          warn: (_d, m) => void warned.push(m),
        }),
      );
      expect(policy.get('default-src')).toBe("'self'");
      expect(policy.get('connect-src')).toBe("'self' http://10.0.0.2:8080 ws://10.0.0.2:8080");
      expect(policy.get('frame-ancestors')).toBe("'none'");
      expect(warned).toHaveLength(1);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
