/**
 * Everything the simulated devices and staff ask the center server, and the benchmark's only use
 * of the typed client (`createCenterClient`, @novbe/protocol): when the client changes, this
 * file does. Requests go over `node:http` (http.ts).
 */
import {
  createCenterClient,
  type CenterClient,
  type CounterCommand,
  type CounterCommandResult,
  type IssueRequest,
  type PairingCodeRequest,
} from '@novbe/protocol';
import type { Agent } from 'node:http';
import { httpFetch, lanAddress, pool } from './http';

export type { CenterClient };

/** A client of the server at `baseUrl`, from `localAddress` and through `agent` when given. */
export function centerClient(
  baseUrl: string,
  options: { token?: string; timeoutMs?: number; localAddress?: string; agent?: Agent } = {},
): CenterClient {
  const { token, timeoutMs, ...from } = options;
  return createCenterClient({
    baseUrl,
    fetch: httpFetch(from),
    ...(token ? { token } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

export async function health(client: CenterClient): Promise<void> {
  await client.health();
}

/** Logs a staff member in; the client that acts for them. */
export async function logIn(
  baseUrl: string,
  login: string,
  password: string,
  localAddress?: string,
): Promise<CenterClient> {
  const anonymous = centerClient(baseUrl, localAddress ? { localAddress } : {});
  const { token } = await anonymous.login({ body: { login, password } });
  return anonymous.withToken(token);
}

/** Sets a staff member's password, as the admin does. */
export async function setPassword(admin: CenterClient, staffId: string, password: string): Promise<void> {
  await admin.setStaffPassword({ params: { id: staffId }, body: { password } });
}

/** The server allows 20 pairing attempts a minute from one address; devices pair from many. */
const PAIRS_PER_ADDRESS = 19;
let paired = 0;

/** Pairs devices as an installer would, each from its own address; their tokens. */
export function pairDevices(admin: CenterClient, requests: readonly PairingCodeRequest[]): Promise<string[]> {
  return pool(requests, 8, async (req) => {
    const { code } = await admin.createPairingCode({ body: req });
    const device = centerClient(admin.options.baseUrl, {
      localAddress: lanAddress(Math.floor(paired++ / PAIRS_PER_ADDRESS)),
    });
    return (await device.pair({ body: { code } })).token;
  });
}

export function counterCommand(
  client: CenterClient,
  counterId: string,
  command: CounterCommand,
): Promise<CounterCommandResult> {
  return client.counterCommand({ params: { id: counterId }, body: command });
}

/**
 * Issues one ticket; resolves with the server's own time for it (its `server-timing` header:
 * request received → answer sent, the WAL sync included), so the server's part can be told from
 * the network and the client.
 */
export async function issueTimed(kiosk: CenterClient, req: IssueRequest): Promise<number> {
  let serverMs = NaN;
  const { fetch } = kiosk.options;
  const timed = createCenterClient({
    ...kiosk.options,
    fetch: async (url, init) => {
      const res = await fetch!(url, init);
      const m = /dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
      if (m) serverMs = Number(m[1]);
      return res;
    },
  });
  await timed.issueTicket({ body: req });
  return serverMs;
}

/** The sequence number of the server's last event. */
export async function lastSeq(client: CenterClient): Promise<number> {
  return (await client.snapshot()).seq;
}
