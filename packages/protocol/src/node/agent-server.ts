import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { RpcCall, RpcHello, type HandlerMap, type RpcServerMessage } from '../agent-rpc';
import { ReasonCode, type ErrorBody, type Result } from '../errors';

export interface AgentServerOptions {
  /** Always loopback: the agent is reachable only from this machine. */
  readonly host?: '127.0.0.1' | '::1';
  /** 0 picks a free port. */
  readonly port?: number;
  /** Per-boot secret the renderer must present; generated when absent. */
  readonly token?: string;
  /** Turns a thrown error into a coded result for the renderer (the log keeps the detail). */
  readonly toError?: (error: unknown) => ErrorBody;
}

export interface AgentServer<E> {
  readonly url: string;
  readonly token: string;
  /** Pushes an event to every connected renderer. */
  publish(event: E): void;
  close(): Promise<void>;
}

/** Runs one handler and wraps its outcome as a `Result`. Shared with the Electron IPC carrier. */
export async function callHandler(
  handlers: HandlerMap,
  method: string,
  params: unknown,
  toError: (error: unknown) => ErrorBody = defaultError,
): Promise<Result<unknown>> {
  const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
  if (!handler) return { ok: false, error: { code: ReasonCode.NotFound, message: `no method ${method}` } };
  try {
    return { ok: true, value: await handler(params as never) };
  } catch (e) {
    return { ok: false, error: toError(e) };
  }
}

function defaultError(e: unknown): ErrorBody {
  return { code: ReasonCode.Internal, message: (e as Error)?.message ?? String(e) };
}

/** Serves an agent's handler map over a WebSocket on loopback, behind a per-boot token. */
export async function serveAgent<E>(
  handlers: HandlerMap,
  options: AgentServerOptions = {},
): Promise<AgentServer<E>> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const host = options.host ?? '127.0.0.1';
  const wss = new WebSocketServer({ host, port: options.port ?? 0, maxPayload: 256 * 1024 });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const clients = new Set<WebSocket>();
  const send = (socket: WebSocket, message: RpcServerMessage<E>) => socket.send(JSON.stringify(message));

  wss.on('connection', (socket) => {
    let authed = false;
    const timer = setTimeout(() => socket.close(1008, 'no hello'), 5000);
    socket.on('close', () => {
      clearTimeout(timer);
      clients.delete(socket);
    });
    socket.on('message', async (data) => {
      let message: unknown;
      try {
        message = JSON.parse(String(data));
      } catch {
        return send(socket, { type: 'error', error: { code: ReasonCode.BadRequest, message: 'not JSON' } });
      }
      if (!authed) {
        const hello = RpcHello.safeParse(message);
        if (!hello.success || hello.data.token !== token) {
          send(socket, { type: 'error', error: { code: ReasonCode.Unauthorized, message: 'wrong token' } });
          return socket.close(1008, 'unauthorized');
        }
        authed = true;
        clearTimeout(timer);
        clients.add(socket);
        return send(socket, { type: 'ready' });
      }
      const call = RpcCall.safeParse(message);
      if (!call.success)
        return send(socket, { type: 'error', error: { code: ReasonCode.BadRequest, message: 'not a call' } });
      const result = await callHandler(handlers, call.data.method, call.data.params, options.toError);
      if (socket.readyState === socket.OPEN) send(socket, { type: 'result', id: call.data.id, result });
    });
  });

  const { port } = wss.address() as { port: number };
  return {
    url: `ws://${host === '::1' ? '[::1]' : host}:${port}`,
    token,
    publish(event) {
      for (const c of clients) send(c, { type: 'event', event });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}
