/**
 * Sends a request exactly as written — any method, an unencoded path, any header, a body on a
 * GET — over node:http, from a chosen loopback source address; `fetch` normalises or refuses
 * most of what a fuzz wants to send.
 */
import { Agent, request } from 'node:http';

export interface RawRequest {
  readonly method: string;
  /** The request target: path and query, sent byte for byte. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export type RawAnswer =
  | { readonly ok: true; readonly status: number; readonly contentType: string; readonly text: string }
  /** No answer: the connection failed, or the server did not answer in time. */
  | { readonly ok: false; readonly error: string; readonly unsendable: boolean };

/** One keep-alive agent per source address. */
const agents = new Map<string, Agent>();
function agentFor(localAddress: string): Agent {
  let agent = agents.get(localAddress);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 16, localAddress });
    agents.set(localAddress, agent);
  }
  return agent;
}

/** Closes the idle connections of every agent (after a run, before the server stops). */
export function closeAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

/** Sends one request to `port` on 127.0.0.1, from `localAddress` (any of 127.0.0.0/8). */
export async function sendRaw(
  port: number,
  req: RawRequest,
  options: { localAddress?: string; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  const first = await sendOnce(port, req, options);
  // A kept-alive connection the server closed after its last answer (a 413, a bad request)
  // fails the next request on it: that one was never read, so send it again, once, on a new
  // connection. A server that resets the connection for this request resets it again.
  if (!first.ok && first.staleConnection) return sendOnce(port, req, { ...options, fresh: true });
  return first;
}

function sendOnce(
  port: number,
  req: RawRequest,
  { localAddress = '127.0.0.1', timeoutMs = 20_000, fresh = false } = {},
): Promise<RawAnswer & { staleConnection?: boolean }> {
  return new Promise((resolve) => {
    let r: ReturnType<typeof request>;
    try {
      r = request({
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.path,
        headers: req.headers,
        // A connection of its own when sent again, closed after the answer.
        agent: fresh ? false : agentFor(localAddress),
        localAddress,
        timeout: timeoutMs,
      });
    } catch (e) {
      // node:http refuses it (a character a header may not hold, a bad path): nothing was sent.
      return resolve({ ok: false, error: (e as Error).message, unsendable: true });
    }
    r.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          ok: true,
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', (e) => resolve({ ok: false, error: e.message, unsendable: false }));
    });
    r.on('timeout', () => r.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    r.on('error', (e: NodeJS.ErrnoException) =>
      resolve({
        ok: false,
        error: e.message,
        unsendable: false,
        staleConnection: e.code === 'ECONNRESET' || e.code === 'EPIPE',
      }),
    );
    r.end(req.body);
  });
}

/** A JSON request as a well-behaved client sends it; throws unless the answer is 2xx. */
export async function callJson<T>(
  port: number,
  method: string,
  path: string,
  { token, body, localAddress }: { token?: string | undefined; body?: unknown; localAddress?: string } = {},
): Promise<T> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (text !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(text));
  }
  const answer = await sendRaw(port, { method, path, headers, body: text }, { localAddress });
  if (!answer.ok) throw new Error(`${method} ${path}: ${answer.error}`);
  if (answer.status < 200 || answer.status >= 300)
    throw new Error(`${method} ${path}: ${answer.status} ${answer.text.slice(0, 300)}`);
  return (answer.contentType.startsWith('application/json') ? JSON.parse(answer.text) : answer.text) as T;
}
