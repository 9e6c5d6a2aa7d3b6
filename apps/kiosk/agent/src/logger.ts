import pino, { type Logger } from 'pino';

/**
 * The agent's root logger; modules take `child({ scope })`. Redaction is a second line of
 * defence: card data is never passed to it in the first place.
 */
export function createKioskLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'kiosk-agent' },
    redact: { paths: ['fin', '*.fin', 'token', '*.token', 'mrz', '*.mrz'], censor: '[redacted]' },
  });
}
