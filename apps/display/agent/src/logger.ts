import pino, { type Logger } from 'pino';

/**
 * The agent's root logger; modules take `child({ scope })`. Tokens are never passed to it;
 * redaction is a second line of defence.
 */
export function createDisplayLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'display-agent' },
    redact: { paths: ['token', '*.token', 'authorization', '*.authorization'], censor: '[redacted]' },
  });
}
