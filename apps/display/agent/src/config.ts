import { DEFAULT_KEYMAP_CONFIG, KeymapConfigError, keymapConfigSchema, parseKeymap } from '@novbe/buttons';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** A USB id as the keymap writes it: a number or a hex string like "0x1189". */
const UsbId = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{1,4}$/, 'a hex id like "0x1189"')
    .transform((s) => Number(s)),
]);
const CounterId = z.string().min(1).max(40);

/** One board on the line: its bus address and the counter whose number it shows. */
export const BoardUnit = z.object({ unit: z.number().int().min(1).max(247), counterId: CounterId }).strict();

/** The RS-485 line of counter boards (Modbus RTU; see hardware/led-board). */
export const BoardsConfig = z
  .object({
    /** The serial port (`/dev/ttyUSB0`); null when this display PC has no boards. */
    path: z.string().min(1).nullable().default(null),
    baudRate: z.number().int().positive().default(9600),
    /** How long one board may take to answer one request. */
    timeoutMs: int(20, 5_000, 200),
    /** Extra attempts after a timeout or a damaged answer. */
    retries: int(0, 5, 1),
    /** How often each board is asked what it shows (a dead one, whether it is back). */
    checkIntervalMs: int(100, 600_000, 10_000),
    /** How long a new call (or a recall) blinks. */
    blinkSeconds: int(0, 600, 5),
    units: z.array(BoardUnit).max(247).default([]),
  })
  .strict()
  .superRefine((boards, ctx) => {
    const seen = new Set<number>();
    boards.units.forEach((u, i) => {
      if (seen.has(u.unit))
        ctx.addIssue({
          code: 'custom',
          path: ['units', i, 'unit'],
          message: `unit ${u.unit} is listed twice`,
        });
      seen.add(u.unit);
    });
  });
export type BoardsConfig = z.infer<typeof BoardsConfig>;

/** Which keypad a binding means: every field given must equal the device's (KeypadWatcher's device info). */
export const KeypadMatch = z
  .object({
    path: z.string().min(1).optional(),
    serialNumber: z.string().min(1).optional(),
    vendorId: UsbId.optional(),
    productId: UsbId.optional(),
  })
  .strict()
  .refine((m) => Object.keys(m).length > 0, 'name at least one of path, serialNumber, vendorId, productId');
export type KeypadMatch = z.infer<typeof KeypadMatch>;

export const KeypadBinding = z.object({ match: KeypadMatch, counterId: CounterId }).strict();
export type KeypadBinding = z.infer<typeof KeypadBinding>;

/** A keypad served over TCP by the emulator (hardware/buttons `tcpKeypad`): the demo and tests. */
export const TcpKeypadConfig = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(1).max(65535),
    vendorId: UsbId.default(0x1189),
    productId: UsbId.default(0x8890),
    /** Binds it (by its `tcp://host:port` path) without a separate binding. */
    counterId: CounterId.optional(),
  })
  .strict();
export type TcpKeypadConfig = z.infer<typeof TcpKeypadConfig>;

export const KeypadsConfig = z
  .object({
    /** hardware/buttons' keymap: which devices are keypads and what each key means. */
    keymap: keymapConfigSchema.prefault(DEFAULT_KEYMAP_CONFIG),
    bindings: z.array(KeypadBinding).max(100).default([]),
    /** Look for USB keypads through node-hid (off where there are only TCP ones). */
    hid: z.boolean().default(true),
    tcp: z.array(TcpKeypadConfig).max(100).default([]),
    /** How often the device list is polled for keypads plugged in or out. */
    pollMs: int(50, 60_000, 1_000),
  })
  .strict()
  .superRefine((keypads, ctx) => {
    // The keymap's own compiler checks key names and clashes the schema cannot.
    try {
      parseKeymap(keypads.keymap);
    } catch (e) {
      if (!(e instanceof KeymapConfigError)) throw e;
      for (const issue of e.issues) ctx.addIssue({ code: 'custom', path: ['keymap'], message: issue });
    }
  });
export type KeypadsConfig = z.infer<typeof KeypadsConfig>;

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export const DisplayAgentConfig = z
  .object({
    /** The center server, e.g. `http://192.168.1.10:8080`. */
    serverUrl: z.url({ protocol: /^https?$/ }),
    /** Where the tokens (`identity.json`) and the boards' last state (`display-state.json`) live. */
    dataDir: z.string().min(1).default('./.data/display'),
    /** Reported to admins and used to name devices this PC pairs. */
    name: z.string().trim().min(1).max(60).default('Display 1'),
    logLevel: LogLevel.default('info'),
    boards: BoardsConfig.prefault({}),
    keypads: KeypadsConfig.prefault({}),
    /** A keypad press the server has not answered within this long is refused. */
    commandTimeoutMs: int(200, 10_000, 2_000),
    /** How long a refusal sign stays on a board before its state comes back. */
    signMs: int(500, 30_000, 3_000),
    heartbeatIntervalMs: int(1_000, 3_600_000, 60_000),
    /** How soon the event stream reconnects after it dropped. */
    reconnectMs: int(50, 60_000, 2_000),
  })
  .strict()
  .superRefine((config, ctx) => {
    const paths = new Set<string>();
    config.keypads.tcp.forEach((k, i) => {
      const path = tcpKeypadPath(k);
      if (paths.has(path))
        ctx.addIssue({
          code: 'custom',
          path: ['keypads', 'tcp', i, 'port'],
          message: `${path} is listed twice`,
        });
      paths.add(path);
    });
  });
export type DisplayAgentConfig = z.infer<typeof DisplayAgentConfig>;
export type DisplayAgentConfigInput = z.input<typeof DisplayAgentConfig>;

/** The path a TCP keypad is listed under (hardware/buttons `tcpKeypad`). */
export function tcpKeypadPath(k: { host: string; port: number }): string {
  return `tcp://${k.host}:${k.port}`;
}

/** A bad configuration: the message names each key and what was expected. */
export class DisplayConfigError extends Error {
  override name = 'DisplayConfigError';
}

/** Environment variables and the key each sets; JSON ones hold an object. */
const ENV: Record<string, { key: keyof DisplayAgentConfig; json?: true }> = {
  NOVBE_DISPLAY_SERVER_URL: { key: 'serverUrl' },
  NOVBE_DISPLAY_DATA_DIR: { key: 'dataDir' },
  NOVBE_DISPLAY_NAME: { key: 'name' },
  NOVBE_DISPLAY_LOG_LEVEL: { key: 'logLevel' },
  NOVBE_DISPLAY_BOARDS: { key: 'boards', json: true },
  NOVBE_DISPLAY_KEYPADS: { key: 'keypads', json: true },
  NOVBE_DISPLAY_COMMAND_TIMEOUT_MS: { key: 'commandTimeoutMs' },
  NOVBE_DISPLAY_SIGN_MS: { key: 'signMs' },
  NOVBE_DISPLAY_HEARTBEAT_INTERVAL_MS: { key: 'heartbeatIntervalMs' },
  NOVBE_DISPLAY_RECONNECT_MS: { key: 'reconnectMs' },
};

/** Validates a configuration object; a bad key throws `DisplayConfigError` naming it. */
export function parseDisplayConfig(input: unknown): DisplayAgentConfig {
  const result = DisplayAgentConfig.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const keys = i.code === 'unrecognized_keys' ? ` (${i.keys.join(', ')})` : '';
    return `  ${i.path.join('.') || '(root)'}: ${i.message}${keys}`;
  });
  throw new DisplayConfigError(`invalid display configuration:\n${lines.join('\n')}`);
}

/**
 * Configuration in layers: defaults → JSON file (`NOVBE_DISPLAY_CONFIG` or `file`) →
 * `NOVBE_DISPLAY_*` environment → `overrides`. A bad value throws `DisplayConfigError` naming
 * the key and what was expected.
 */
export function loadDisplayConfig(
  options: { file?: string; env?: NodeJS.ProcessEnv; overrides?: Partial<DisplayAgentConfigInput> } = {},
): DisplayAgentConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? env.NOVBE_DISPLAY_CONFIG;
  const layers: Record<string, unknown>[] = [];
  if (file)
    layers.push(readJson(() => readFileSync(file, 'utf8'), `cannot read display configuration file ${file}`));
  const fromEnv: Record<string, unknown> = {};
  for (const [name, { key, json }] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw !== undefined)
      fromEnv[key] = json
        ? readJson(() => raw, `invalid display configuration:\n  ${key}: ${name} must hold JSON`)
        : raw;
  }
  return parseDisplayConfig(Object.assign({}, ...layers, fromEnv, options.overrides));
}

function readJson(read: () => string, failure: string): Record<string, unknown> {
  try {
    return JSON.parse(read()) as Record<string, unknown>;
  } catch (e) {
    throw new DisplayConfigError(
      e instanceof SyntaxError ? `${failure} (${e.message})` : `${failure}: ${(e as Error).message}`,
    );
  }
}
