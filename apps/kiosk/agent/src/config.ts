import { PrinterConfig } from '@novbe/printer';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const ms = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** How the ID-card reader is attached; `none` when the kiosk has none (the card step is skipped). */
export const CardReaderConfig = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z
    .object({
      type: z.literal('serial'),
      path: z.string().min(1),
      baudRate: z.number().int().positive().default(9600),
    })
    .strict(),
  z
    .object({
      type: z.literal('hid'),
      vendorId: z.number().int().min(0).max(0xffff),
      productId: z.number().int().min(0).max(0xffff),
    })
    .strict(),
  z.object({ type: z.literal('hid-path'), path: z.string().min(1) }).strict(),
]);
export type CardReaderConfig = z.infer<typeof CardReaderConfig>;

export const KioskAgentConfig = z
  .object({
    /** The center server, e.g. `http://192.168.1.10:8080`. */
    serverUrl: z.url({ protocol: /^https?$/ }),
    /** Where `kiosk.db` lives (tickets, outbox, leases, cached configuration, device token). */
    dataDir: z.string().min(1).default('./.data/kiosk'),
    /** Printed on every ticket and reported with heartbeats. */
    kioskName: z.string().trim().min(1).max(40).default('Kiosk 1'),
    /**
     * This kiosk's number in the center, 1–99, unique among its kiosks: offline tickets issued
     * with no leased number left are `K<n>-001`, `K<n>-002`, … The pairing answer carries no
     * kiosk number and kiosks may not list devices, so the technician sets it here.
     */
    kioskNumber: z.coerce.number().int().min(1).max(99).default(1),
    printer: PrinterConfig.prefault({ connection: { type: 'tcp', host: '127.0.0.1', port: 9100 } }),
    cardReader: CardReaderConfig.default({ type: 'none' }),
    /** An online issue that takes longer than this is abandoned and the ticket issued offline. */
    onlineBudgetMs: ms(50, 10_000, 800),
    /** Numbers per leased block (one block per service prefix, topped up at half). */
    leaseSize: ms(1, 500, 50),
    /** How often the outbox is drained and leases topped up while online. */
    syncIntervalMs: ms(100, 600_000, 5_000),
    /** How often `/health` is asked while the server is out of reach. */
    probeIntervalMs: ms(100, 600_000, 2_000),
    heartbeatIntervalMs: ms(1_000, 3_600_000, 60_000),
    configRefreshIntervalMs: ms(1_000, 86_400_000, 300_000),
    /** The ticket's QR code is this followed by the ticket id; default `<serverUrl>/t/`. */
    trackingUrlBase: z.url({ protocol: /^https?$/ }).optional(),
    /** main.ts: the WebSocket carrier's loopback port (0 picks a free one). */
    agentPort: z.coerce.number().int().min(0).max(65535).default(0),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .strict();
export type KioskAgentConfig = z.infer<typeof KioskAgentConfig>;
export type KioskAgentConfigInput = z.input<typeof KioskAgentConfig>;

export class KioskConfigError extends Error {
  override name = 'KioskConfigError';
}

/** Environment variables and the key each sets; JSON ones hold an object. */
const ENV: Record<string, { key: keyof KioskAgentConfig; json?: true }> = {
  NOVBE_KIOSK_SERVER_URL: { key: 'serverUrl' },
  NOVBE_KIOSK_DATA_DIR: { key: 'dataDir' },
  NOVBE_KIOSK_NAME: { key: 'kioskName' },
  NOVBE_KIOSK_NUMBER: { key: 'kioskNumber' },
  NOVBE_KIOSK_PRINTER: { key: 'printer', json: true },
  NOVBE_KIOSK_CARD_READER: { key: 'cardReader', json: true },
  NOVBE_KIOSK_ONLINE_BUDGET_MS: { key: 'onlineBudgetMs' },
  NOVBE_KIOSK_LEASE_SIZE: { key: 'leaseSize' },
  NOVBE_KIOSK_SYNC_INTERVAL_MS: { key: 'syncIntervalMs' },
  NOVBE_KIOSK_PROBE_INTERVAL_MS: { key: 'probeIntervalMs' },
  NOVBE_KIOSK_HEARTBEAT_INTERVAL_MS: { key: 'heartbeatIntervalMs' },
  NOVBE_KIOSK_CONFIG_REFRESH_MS: { key: 'configRefreshIntervalMs' },
  NOVBE_KIOSK_TRACKING_URL_BASE: { key: 'trackingUrlBase' },
  NOVBE_KIOSK_AGENT_PORT: { key: 'agentPort' },
  NOVBE_KIOSK_LOG_LEVEL: { key: 'logLevel' },
};

/** Validates a configuration object; a bad key throws `KioskConfigError` naming it. */
export function parseKioskConfig(input: unknown): KioskAgentConfig {
  const result = KioskAgentConfig.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const keys = i.code === 'unrecognized_keys' ? ` (${i.keys.join(', ')})` : '';
      return `  ${i.path.join('.') || '(root)'}: ${i.message}${keys}`;
    });
    throw new KioskConfigError(`invalid kiosk configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/**
 * Configuration in layers: defaults → JSON file (`NOVBE_KIOSK_CONFIG` or `file`) →
 * `NOVBE_KIOSK_*` environment → `overrides`. A bad value throws `KioskConfigError` naming the key.
 */
export function loadKioskConfig(
  options: { file?: string; env?: NodeJS.ProcessEnv; overrides?: Partial<KioskAgentConfigInput> } = {},
): KioskAgentConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.NOVBE_KIOSK_CONFIG;
  let fromFile: Record<string, unknown> = {};
  if (file) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new KioskConfigError(`cannot read kiosk configuration file ${file}: ${(e as Error).message}`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, { key, json }] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw === undefined) continue;
    if (!json) {
      fromEnv[key] = raw;
      continue;
    }
    try {
      fromEnv[key] = JSON.parse(raw);
    } catch {
      throw new KioskConfigError(`invalid kiosk configuration:\n  ${key}: ${name} must hold JSON`);
    }
  }
  return parseKioskConfig({ ...fromFile, ...fromEnv, ...options.overrides });
}

/** Where a ticket's QR code points. */
export function trackingUrl(config: KioskAgentConfig, ticketId: string): string {
  const base = config.trackingUrlBase ?? `${config.serverUrl.replace(/\/+$/, '')}/t/`;
  return `${base}${encodeURIComponent(ticketId)}`;
}
