/**
 * The load generator's HTTP: `node:http` with kept-alive connections, requests from any
 * 127.x.y.z (each device of a LAN has its own address), answers read into plain objects. Node's
 * built-in fetch, and even a `Response` built around the answer, cost the simulated kiosks most
 * of their CPU per request on this machine, and their garbage pauses of several milliseconds
 * landed in the measured latency.
 */
import { Agent, request } from 'node:http';
import type { HttpAnswer, HttpFetch } from '@novbe/protocol';

/** A `fetch` for the typed client over `node:http`, from `localAddress` through `agent`. */
export function httpFetch({ localAddress, agent }: { localAddress?: string; agent?: Agent } = {}): HttpFetch {
  return (url, init) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const req = request(
        url,
        {
          method: init.method,
          headers: init.headers,
          signal: init.signal,
          ...(localAddress ? { localAddress } : {}),
          ...(agent ? { agent } : {}),
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            resolve({
              ok: status >= 200 && status < 300,
              status,
              headers: { get: (name) => [res.headers[name.toLowerCase()] ?? []].flat().join(', ') || null },
              text: async () => body,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });
}

/** Connections kept open between requests, as the kiosk agent's are. */
export const keepAlive = () => new Agent({ keepAlive: true });

/**
 * The `n`-th address of the LAN's devices, 127.0.1.2 onwards (Linux answers all of 127/8).
 * The server limits pairing and login attempts per address.
 */
export function lanAddress(n: number, subnet = 0): string {
  return `127.${subnet}.${1 + Math.floor(n / 250)}.${2 + (n % 250)}`;
}

/** Runs `task` over `items` with at most `limit` at a time; results in the order of `items`. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
