import { readFile } from 'node:fs/promises';
import { cspDirectives, metaCsp } from '@novbe/appliance';
import { describe, expect, it } from 'vitest';
import { KIOSK_CSP } from './kiosk-site';

describe('KIOSK_CSP', () => {
  it("matches the renderer's meta policy, plus frame-ancestors (which only a header can carry)", async () => {
    const html = await readFile(new URL('../renderer/index.html', import.meta.url), 'utf8');
    const meta = metaCsp(html);
    expect(meta, 'renderer/index.html has a CSP meta tag').not.toBeNull();
    const header = cspDirectives(KIOSK_CSP);
    expect(header.get('frame-ancestors')).toBe("'none'");
    header.delete('frame-ancestors');
    expect(header).toEqual(cspDirectives(meta!));
  });

  it('allows no inline script, no eval, no remote origin but the loopback agent socket', () => {
    const d = cspDirectives(KIOSK_CSP);
    expect(d.get('script-src')).toBe("'self'");
    expect(KIOSK_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|(?<!:)\*/);
    expect(d.get('connect-src')).toBe("'self' ws://127.0.0.1:*");
    expect(d.get('object-src')).toBe("'none'");
  });
});
