import type { KioskBridge } from '@novbe/protocol';

/**
 * The renderer's one door to its agent: the typed bridge, and news of the link itself. Inside
 * Electron the link is the preload's IPC and never drops; in a browser it is a WebSocket on
 * loopback that drops when the agent restarts and comes back by itself.
 */
export interface AgentLink {
  readonly bridge: KioskBridge;
  /** `true` when a (new) connection is open and calls may go through, `false` when it is lost. */
  onConnection(listener: (connected: boolean) => void): () => void;
  close(): void;
}

/** The preload's `window.novbeKiosk` as an agent link: always connected. */
export function preloadLink(bridge: KioskBridge): AgentLink {
  return {
    bridge,
    onConnection(listener) {
      queueMicrotask(() => listener(true));
      return () => {};
    },
    close() {},
  };
}
