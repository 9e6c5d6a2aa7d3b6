import { isAbsolute } from 'node:path';
import { z } from 'zod';

/** An on/off environment value: 1, 0, true, false, yes, no, on, off. */
export const envFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on');

/** The settings every appliance shell has (its agent has its own, loaded by its loader). */
export const ShellConfig = z
  .object({
    /** Start at login. Default: on in a packaged build, off in development. */
    autostart: z.boolean(),
    /** A normal window instead of fullscreen kiosk mode, for development on a desktop. */
    windowed: z.boolean(),
    /** The built renderer; default `<app>/renderer/dist`. */
    rendererDir: z.string().refine(isAbsolute, 'must be an absolute path').optional(),
  })
  .strict();
export type ShellConfig = z.infer<typeof ShellConfig>;

export class ShellConfigError extends Error {
  override name = 'ShellConfigError';
}

/** One environment variable of a shell: the config key it sets and how its text is parsed. */
export interface ShellVariable {
  readonly key: string;
  readonly parse: z.ZodType;
  /** What a bad value is told it should be: `one of 1, 0, …`. */
  readonly expected: string;
}

/** An appliance's own shell settings beyond `ShellConfig`: their variables and their schema. */
export interface ShellExtras<E> {
  readonly variables: Readonly<Record<string, ShellVariable>>;
  readonly schema: z.ZodType<E>;
  /** Values before the environment is read. */
  readonly defaults?: Partial<E>;
}

export interface LoadShellConfigOptions<E> {
  /** `kiosk`, `display`: named in the error message. */
  readonly app: string;
  /** `NOVBE_KIOSK`: the variables are `<prefix>_AUTOSTART`, `_WINDOWED`, `_RENDERER_DIR`. */
  readonly prefix: string;
  readonly env: NodeJS.ProcessEnv;
  readonly packaged: boolean;
  readonly extra?: ShellExtras<E>;
}

/**
 * A shell's configuration: defaults (which depend on whether the build is packaged) →
 * `<prefix>_AUTOSTART`, `<prefix>_WINDOWED`, `<prefix>_RENDERER_DIR` and the appliance's own
 * variables. A bad value throws `ShellConfigError` naming each bad variable and what it expects.
 */
export function loadShellConfig<E extends object = Record<never, never>>(
  options: LoadShellConfigOptions<E>,
): ShellConfig & E {
  const { prefix, env } = options;
  const base: Record<string, ShellVariable> = {
    [`${prefix}_AUTOSTART`]: { key: 'autostart', parse: envFlag, expected: FLAG },
    [`${prefix}_WINDOWED`]: { key: 'windowed', parse: envFlag, expected: FLAG },
    [`${prefix}_RENDERER_DIR`]: {
      key: 'rendererDir',
      parse: z.string().min(1),
      expected: 'a non-empty string',
    },
  };
  const variables = { ...base, ...options.extra?.variables };
  const values: Record<string, unknown> = {
    autostart: options.packaged,
    windowed: false,
    ...options.extra?.defaults,
  };
  const problems: string[] = [];
  for (const [name, { key, parse, expected }] of Object.entries(variables)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const parsed = parse.safeParse(raw.trim());
    if (parsed.success) values[key] = parsed.data;
    else problems.push(`  ${name} (${key}): expected ${expected}, got ${JSON.stringify(raw.slice(0, 40))}`);
  }
  const shellKeys = new Set(Object.keys(ShellConfig.shape));
  const pick = (own: boolean) =>
    Object.fromEntries(Object.entries(values).filter(([k]) => shellKeys.has(k) === own));
  const shell = ShellConfig.safeParse(pick(true));
  const extra = options.extra?.schema.safeParse(pick(false));
  if (shell.success && (extra?.success ?? true) && problems.length === 0)
    return { ...shell.data, ...(extra?.data as E) };
  for (const issue of [...(shell.error?.issues ?? []), ...(extra?.error?.issues ?? [])]) {
    const key = String(issue.path[0] ?? '(root)');
    // A value already refused above is not reported twice.
    const name = Object.entries(variables).find(([, v]) => v.key === key)?.[0] ?? key;
    if (problems.some((p) => p.startsWith(`  ${name} (`))) continue;
    problems.push(`  ${name} (${key}): ${issue.message}`);
  }
  throw new ShellConfigError(`invalid ${options.app} shell configuration:\n${problems.join('\n')}`);
}

const FLAG = 'one of 1, 0, true, false, yes, no, on, off';
