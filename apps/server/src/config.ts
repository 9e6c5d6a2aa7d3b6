import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const ServerConfig = z.object({
  host: z.string().min(1).default('0.0.0.0'),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Where the database file lives. */
  dataDir: z.string().min(1).default('./.data/server'),
  /** A center configuration (JSON) to load when the database has none; the example otherwise. */
  centerFile: z.string().optional(),
  /**
   * Sets the admin's password at start when none is set yet; otherwise one is generated into
   * `admin-password` in `dataDir` (mode 0600), never logged (see admin-password.ts).
   */
  adminPassword: z.string().min(8).optional(),
  /** Secret for keyed hashes of FINs (appointments); when absent, the key in `finKeyFile`. */
  finKey: z.string().min(16).optional(),
  /**
   * The FIN key's own file (mode 0600), never inside the database: generated at first start
   * when absent. Default: `fin.key` in `dataDir`. Back it up apart from the database.
   */
  finKeyFile: z.string().min(1).optional(),
  /**
   * The audit key's own file (mode 0600), never inside the database: generated at first start
   * when absent; every event written carries its MAC. The head file and the findings file live
   * beside it. Default: `audit.key` in `dataDir`. Back it up apart from the database.
   */
  auditKeyFile: z.string().min(1).optional(),
  /**
   * The built display page (`apps/display/renderer/dist`), served at `/display/` to browsers
   * such as smart TVs that show a hall or counter screen.
   */
  displayDir: z.string().min(1).optional(),
  /** How many event streams one device or staff member may hold open at once. */
  streamsPerPrincipal: z.coerce.number().int().min(1).max(1000).default(8),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest request body accepted, bytes. */
  bodyLimit: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10_000_000)
    .default(256 * 1024),
  /** How long a write waits on a database locked by another process before failing, ms. */
  busyTimeoutMs: z.coerce.number().int().min(0).max(60_000).default(5000),
  /** How long a pairing code stays valid, minutes. */
  pairingCodeMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** How long a staff session lasts, hours. */
  sessionHours: z.coerce.number().min(1).max(72).default(12),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Environment variables that set a key: NOVBE_PORT → port, NOVBE_DATA_DIR → dataDir, … */
const ENV: Record<string, keyof ServerConfig> = {
  NOVBE_HOST: 'host',
  NOVBE_PORT: 'port',
  NOVBE_DATA_DIR: 'dataDir',
  NOVBE_CENTER_FILE: 'centerFile',
  NOVBE_ADMIN_PASSWORD: 'adminPassword',
  NOVBE_FIN_KEY: 'finKey',
  NOVBE_FIN_KEY_FILE: 'finKeyFile',
  NOVBE_AUDIT_KEY_FILE: 'auditKeyFile',
  NOVBE_DISPLAY_DIR: 'displayDir',
  NOVBE_STREAMS_PER_PRINCIPAL: 'streamsPerPrincipal',
  NOVBE_LOG_LEVEL: 'logLevel',
  NOVBE_BODY_LIMIT: 'bodyLimit',
};

/**
 * Configuration in layers: defaults → JSON file (`NOVBE_CONFIG` or `file`) → environment →
 * `overrides`. A bad value stops the server with a message naming the key and what was expected.
 */
export function loadConfig(
  options: { file?: string; env?: NodeJS.ProcessEnv; overrides?: Partial<ServerConfig> } = {},
): ServerConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.NOVBE_CONFIG;
  let fromFile: Record<string, unknown> = {};
  if (file) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new ConfigError(`cannot read configuration file ${file}: ${(e as Error).message}`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV)) if (env[name] !== undefined) fromEnv[key] = env[name];
  const result = ServerConfig.strict().safeParse({ ...fromFile, ...fromEnv, ...options.overrides });
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid server configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
