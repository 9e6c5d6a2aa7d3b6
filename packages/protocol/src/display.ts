import { z } from 'zod';
import type { AgentBridge } from './agent-rpc';

/**
 * What a screen page needs from the display agent that hosts it in the Electron shell: where
 * the center server is and the display's own token (null until the display is paired). In a
 * browser (a smart TV) the page has no agent: it is served by the center server itself, pairs
 * with a code typed on the page and keeps its token in the browser's storage.
 */
export const ScreenSetup = z.object({
  /** e.g. `http://10.0.0.2:8080` */
  serverUrl: z.string().url(),
  token: z.string().min(1).nullable(),
});
export type ScreenSetup = z.infer<typeof ScreenSetup>;

/** The display agent's state, as its screens and heartbeat report it. */
export const DisplayAgentStatus = z.object({
  link: z.enum(['connecting', 'live', 'offline']),
  /** Counter boards that stopped answering, by bus unit. */
  boardsOffline: z.array(z.number().int()),
  /** Keypads currently attached, by the counter they are bound to. */
  keypads: z.array(z.object({ counterId: z.string(), attached: z.boolean() })),
});
export type DisplayAgentStatus = z.infer<typeof DisplayAgentStatus>;

/** The display agent's API to its screens: one handler map, carried by Electron IPC or a local WebSocket. */
export type DisplayHandlers = {
  'screen-setup': () => Promise<ScreenSetup>;
  /** Pairs the display (role `display`) with a one-time code; answers the new setup. */
  'screen-pair': (params: { code: string }) => Promise<ScreenSetup>;
};

export type DisplayEvent =
  { type: 'setup'; setup: ScreenSetup } | { type: 'status'; status: DisplayAgentStatus };

/** What the display preload exposes as `window.novbeDisplay`, and what `connectAgent` returns. */
export type DisplayBridge = AgentBridge<DisplayHandlers, DisplayEvent>;
