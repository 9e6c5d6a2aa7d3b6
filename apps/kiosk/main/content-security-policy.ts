/**
 * The renderer's Content Security Policy. The renderer's `index.html` carries the same policy in
 * a `<meta>` tag (for browsers, where the agent is reached over ws://127.0.0.1); the shell also
 * sends it as a response header, which additionally enforces `frame-ancestors` and covers any
 * document whose meta tag went missing.
 */
export const KIOSK_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self'",
  // The browser carrier of the agent API: a WebSocket on loopback. Electron uses IPC instead.
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Response headers with the kiosk's CSP set, replacing whatever policy the response carried. */
export function withKioskCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  out['Content-Security-Policy'] = [KIOSK_CSP];
  return out;
}
