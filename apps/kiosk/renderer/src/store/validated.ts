import type { Result } from '@novbe/protocol';
import type { z } from 'zod';

/**
 * Checks an agent's answer against the protocol schema: both ends validate with the same one, so
 * a malformed answer becomes a coded error here instead of a broken screen later.
 */
export function validated<T>(schema: z.ZodType<T>, result: Result<unknown>): Result<T> {
  if (!result.ok) return result;
  const parsed = schema.safeParse(result.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    error: {
      code: 'bad-request',
      message: `the agent answered an unexpected shape: ${parsed.error.message}`,
    },
  };
}
