import { z } from 'zod';
import type { Result } from './errors';

/**
 * The renderer ↔ agent transport of an appliance (kiosk, display). One typed handler map on
 * the agent; two thin carriers: Electron IPC (through a preload that exposes one narrow
 * object) and a WebSocket on 127.0.0.1 with a per-boot token, for browsers and tests.
 * Every call answers a `Result`, never a thrown error.
 */
export type HandlerMap = Record<string, (params: never) => Promise<unknown>>;

/** The object the renderer holds: the preload's `window.novbe…` or a WebSocket client. */
export interface AgentBridge<H extends HandlerMap, E> {
  invoke<K extends keyof H & string>(
    method: K,
    ...params: Parameters<H[K]>
  ): Promise<Result<Awaited<ReturnType<H[K]>>>>;
  /** Pushed events (status changes); returns the unsubscribe function. */
  subscribe(listener: (event: E) => void): () => void;
}

/** Over the WebSocket: the first message is `hello` with the per-boot token. */
export const RpcHello = z.object({ type: z.literal('hello'), token: z.string().min(16).max(200) });
export const RpcCall = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(64),
  params: z.unknown().optional(),
});
export type RpcCall = z.infer<typeof RpcCall>;
export type RpcServerMessage<E> =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: E }
  | { type: 'error'; error: { code: string; message: string } };

/** Electron IPC channel names; the preload and the main process share them. */
export const IPC_INVOKE = 'novbe:invoke';
export const IPC_EVENT = 'novbe:event';

/** A minimal browser-style WebSocket, so the client works in Chromium, Electron and Node (`ws`). */
export interface RpcSocket {
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
}

/**
 * A bridge over a WebSocket to an agent on 127.0.0.1. Calls made before the socket is ready
 * wait for it; calls in flight when it closes answer a `transport` error (the UI shows its
 * out-of-service screen, the agent keeps the ticket state).
 */
export function connectAgent<H extends HandlerMap, E>(socket: RpcSocket, token: string): AgentBridge<H, E> {
  let nextId = 0;
  let ready = false;
  const queued: string[] = [];
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Set<(event: E) => void>();
  socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', token }));
  socket.onmessage = (ev) => {
    const message = JSON.parse(String(ev.data)) as RpcServerMessage<E>;
    if (message.type === 'ready') {
      ready = true;
      for (const m of queued.splice(0)) socket.send(m);
    } else if (message.type === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.type === 'event') {
      for (const l of listeners) l(message.event);
    }
  };
  socket.onclose = () => {
    for (const resolve of pending.values())
      resolve({ ok: false, error: { code: 'internal', message: 'the kiosk agent is not reachable' } });
    pending.clear();
  };
  return {
    invoke(method, ...params) {
      const id = nextId++;
      const message = JSON.stringify({ type: 'call', id, method, params: params[0] });
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: Result<unknown>) => void);
        if (ready) socket.send(message);
        else queued.push(message);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
