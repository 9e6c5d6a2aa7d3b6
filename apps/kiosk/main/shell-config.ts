import { isAbsolute } from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on');

/** The shell's own settings (the agent has its own, NOVBE_KIOSK_*, loaded by its loader). */
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

const ENV = {
  NOVBE_KIOSK_AUTOSTART: { key: 'autostart', parse: flag },
  NOVBE_KIOSK_WINDOWED: { key: 'windowed', parse: flag },
  NOVBE_KIOSK_RENDERER_DIR: { key: 'rendererDir', parse: z.string().min(1) },
} as const;

/**
 * The shell's configuration: defaults (which depend on whether the build is packaged) →
 * NOVBE_KIOSK_AUTOSTART, NOVBE_KIOSK_WINDOWED, NOVBE_KIOSK_RENDERER_DIR. A bad value throws
 * `ShellConfigError` naming the variable and what it expects.
 */
export function loadShellConfig(env: NodeJS.ProcessEnv, packaged: boolean): ShellConfig {
  const values: Record<string, unknown> = { autostart: packaged, windowed: false };
  const problems: string[] = [];
  for (const [name, { key, parse }] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const parsed = parse.safeParse(raw.trim());
    if (parsed.success) values[key] = parsed.data;
    else
      problems.push(
        `  ${name} (${key}): expected ${describe(parse)}, got ${JSON.stringify(raw.slice(0, 40))}`,
      );
  }
  const result = ShellConfig.safeParse(values);
  if (result.success && problems.length === 0) return result.data;
  for (const issue of result.error?.issues ?? []) {
    const key = String(issue.path[0] ?? '(root)');
    const name = Object.entries(ENV).find(([, v]) => v.key === key)?.[0] ?? key;
    problems.push(`  ${name} (${key}): ${issue.message}`);
  }
  throw new ShellConfigError(`invalid kiosk shell configuration:\n${problems.join('\n')}`);
}

function describe(schema: z.ZodType): string {
  return schema === flag ? 'one of 1, 0, true, false, yes, no, on, off' : 'a non-empty string';
}
