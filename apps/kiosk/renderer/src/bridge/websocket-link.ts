import {
  connectAgent,
  type KioskBridge,
  type KioskEvent,
  type KioskHandlers,
  type Result,
  type RpcSocket,
} from '@novbe/protocol';
import type { AgentLink } from './agent-link';

/** How long to wait before each reconnection attempt; the last value repeats. */
export const RECONNECT_DELAYS_MS = [200, 500, 1_000, 2_000, 3_000] as const;

type SocketFactory = (url: string) => WebSocket;

const unreachable: Result<never> = {
  ok: false,
  error: { code: 'internal', message: 'the kiosk agent is not reachable' },
};

/**
 * A bridge over a WebSocket to the agent on 127.0.0.1 that reconnects by itself: each new socket
 * gets a fresh `connectAgent` client (which says hello with the token), the renderer's event
 * listeners move over to it, and calls made while no socket is open answer an `internal` error
 * at once instead of hanging.
 */
export function websocketLink(
  url: string,
  token: string,
  openSocket: SocketFactory = (u) => new WebSocket(u),
): AgentLink {
  const eventListeners = new Set<(event: KioskEvent) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let client: KioskBridge | null = null;
  let socket: WebSocket | null = null;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const announce = (connected: boolean) => {
    for (const listener of connectionListeners) listener(connected);
  };

  const connect = () => {
    const ws = openSocket(url);
    socket = ws;
    // connectAgent takes a minimal socket and owns its handlers; ours run after its own.
    const rpc: RpcSocket = {
      send: (data) => ws.send(data),
      close: () => ws.close(),
      onopen: null,
      onmessage: null,
      onclose: null,
    };
    const next = connectAgent<KioskHandlers, KioskEvent>(rpc, token);
    next.subscribe((event) => {
      for (const listener of eventListeners) listener(event);
    });
    client = next;
    ws.onmessage = (ev) => rpc.onmessage?.(ev);
    ws.onopen = (ev) => {
      rpc.onopen?.(ev);
      attempt = 0;
      announce(true);
    };
    ws.onclose = (ev) => {
      rpc.onclose?.(ev);
      if (socket !== ws) return;
      client = null;
      socket = null;
      announce(false);
      if (closed) return;
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
      attempt += 1;
      retry = setTimeout(connect, delay);
    };
  };
  connect();

  const bridge: KioskBridge = {
    invoke(method, ...params) {
      if (!client) return Promise.resolve(unreachable);
      return client.invoke(method, ...params);
    },
    subscribe(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
  };

  return {
    bridge,
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(retry);
      socket?.close();
    },
  };
}
