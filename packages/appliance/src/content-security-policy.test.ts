import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspDirectives, formatCsp, metaCsp, withCsp } from './content-security-policy';

describe('contentSecurityPolicy', () => {
  it('allows nothing inline, no eval, no remote origin but the ones named', () => {
    const policy = contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:*'], mediaSrc: ['blob:'] });
    const d = cspDirectives(policy);
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('connect-src')).toBe("'self' ws://127.0.0.1:*");
    expect(d.get('media-src')).toBe("'self' blob:");
    expect(d.get('frame-ancestors')).toBe("'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|(?<!:)\*/);
    expect(formatCsp(d)).toBe(policy);
  });
});

describe('withCsp', () => {
  it('replaces any policy the response carried, whatever its header case, and keeps the rest', () => {
    expect(
      withCsp({ 'Content-Security-Policy': ['default-src *'], 'X-Frame-Options': ['DENY'] }, 'p'),
    ).toEqual({
      'X-Frame-Options': ['DENY'],
      'Content-Security-Policy': ['p'],
    });
    expect(withCsp(undefined, 'p')).toEqual({ 'Content-Security-Policy': ['p'] });
  });
});

describe('metaCsp', () => {
  it("reads a page's meta policy", () => {
    expect(
      metaCsp(
        `<head><meta\n  http-equiv="Content-Security-Policy"\n  content="default-src 'self'; img-src data:"\n/></head>`,
      ),
    ).toBe("default-src 'self'; img-src data:");
    expect(metaCsp('<head></head>')).toBeNull();
  });
});
