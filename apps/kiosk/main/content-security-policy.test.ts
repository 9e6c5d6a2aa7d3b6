import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { KIOSK_CSP, withKioskCsp } from './content-security-policy';

const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')]),
  );

describe('KIOSK_CSP', () => {
  it("matches the renderer's meta policy, plus frame-ancestors (which only a header can carry)", async () => {
    const html = await readFile(new URL('../renderer/index.html', import.meta.url), 'utf8');
    const meta = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
    expect(meta, 'renderer/index.html has a CSP meta tag').toBeDefined();
    const header = directives(KIOSK_CSP);
    expect(header.get('frame-ancestors')).toBe("'none'");
    header.delete('frame-ancestors');
    expect(header).toEqual(directives(meta!));
  });

  it('allows no inline script, no eval, no remote origin but the loopback agent socket', () => {
    const d = directives(KIOSK_CSP);
    expect(d.get('script-src')).toBe("'self'");
    expect(KIOSK_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|(?<!:)\*/);
    expect(d.get('connect-src')).toBe("'self' ws://127.0.0.1:*");
    expect(d.get('object-src')).toBe("'none'");
  });
});

describe('withKioskCsp', () => {
  it('replaces any policy the response carried, whatever its header case, and keeps the rest', () => {
    expect(
      withKioskCsp({ 'Content-Security-Policy': ['default-src *'], 'X-Frame-Options': ['DENY'] }),
    ).toEqual({ 'X-Frame-Options': ['DENY'], 'Content-Security-Policy': [KIOSK_CSP] });
    expect(withKioskCsp(undefined)).toEqual({ 'Content-Security-Policy': [KIOSK_CSP] });
  });
});
