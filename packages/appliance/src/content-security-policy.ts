export interface CspOptions {
  /**
   * Where the page may connect besides `'self'`. The kiosk: the loopback WebSocket of its agent
   * (the browser carrier; Electron uses IPC). The display: also the center server.
   */
  readonly connectSrc: readonly string[];
  /** Where audio and video may come from besides `'self'` (e.g. `blob:` for generated speech). */
  readonly mediaSrc?: readonly string[];
}

/**
 * An appliance renderer's Content Security Policy: nothing inline, no eval, no remote origin but
 * the ones named. The renderer's `index.html` carries the same policy in a `<meta>` tag (for
 * browsers); the shell also sends it as a response header, which additionally enforces
 * `frame-ancestors` and covers any document whose meta tag went missing.
 */
export function contentSecurityPolicy(options: CspOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["media-src 'self'", ...(options.mediaSrc ?? [])].join(' '),
    ["connect-src 'self'", ...options.connectSrc].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Response headers with `csp` set, replacing whatever policy the response carried. */
export function withCsp(
  headers: Record<string, string[]> | undefined,
  csp: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** A policy's directives by name, for tests that compare a header with a meta tag. */
export function cspDirectives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')]),
  );
}

/** Directives back into a policy string, in their order. */
export function formatCsp(directives: ReadonlyMap<string, string>): string {
  return [...directives].map(([name, value]) => (value ? `${name} ${value}` : name)).join('; ');
}

/** The policy of a page's `<meta http-equiv="Content-Security-Policy">`, or null. */
export function metaCsp(html: string): string | null {
  return /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? null;
}
