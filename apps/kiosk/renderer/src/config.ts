import { z } from 'zod';

const ms = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * The renderer's settings, from the page URL's query (the Electron shell or the test that opens
 * the page writes them): where the agent listens when there is no preload bridge, and the
 * session timings.
 */
export const RendererConfig = z
  .object({
    /** The agent's WebSocket on loopback; unused inside Electron (the preload bridge is used). */
    agent: z
      .string()
      .regex(/^ws:\/\/127\.0\.0\.1:\d{1,5}\/?$/, 'a WebSocket URL on loopback, ws://127.0.0.1:PORT')
      .optional(),
    /** The agent's per-boot token. */
    token: z.string().min(16, 'at least 16 characters').max(200).optional(),
    /** No touch for this long on a screen → "are you still there?". */
    idleMs: ms(1_000, 600_000, 45_000),
    /** How long "are you still there?" counts down before going back to the start. */
    warnMs: ms(1_000, 120_000, 10_000),
    /** How long "take your ticket" stays before the attract screen returns. */
    ticketMs: ms(1_000, 120_000, 12_000),
    /** How long the card step waits for a card. */
    cardMs: ms(1_000, 300_000, 30_000),
  })
  .strict();
export type RendererConfig = z.infer<typeof RendererConfig>;

/** A page URL whose query does not configure the renderer; the message names the key. */
export class RendererConfigError extends Error {
  override name = 'RendererConfigError';
}

/**
 * Reads the renderer's configuration from a query string (`?agent=ws://127.0.0.1:PORT&token=…`).
 * `needsAgent`: no preload bridge, so `agent` and `token` are required.
 */
export function parseRendererConfig(search: string, needsAgent: boolean): RendererConfig {
  const raw: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) raw[key] = value;
  const parsed = RendererConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : String(issue.path[0] ?? '?');
      return `${key}: ${issue.message}`;
    });
    throw new RendererConfigError(`bad kiosk page parameter — ${problems.join('; ')}`);
  }
  if (needsAgent && (!parsed.data.agent || !parsed.data.token))
    throw new RendererConfigError(
      `bad kiosk page parameter — ${parsed.data.agent ? 'token' : 'agent'}: required when the page runs outside the kiosk shell`,
    );
  return parsed.data;
}
