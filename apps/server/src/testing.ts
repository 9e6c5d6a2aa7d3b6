import {
  createCenterClient,
  ProtocolError,
  type CenterClient,
  type PairingCodeRequest,
} from '@novbe/protocol';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, type CenterServer } from './app';
import type { Clock } from './center/errors';
import { loadConfig, type ServerConfig } from './config';

export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface TestServer {
  readonly url: string;
  readonly server: CenterServer;
  readonly dataDir: string;
  /** A client logged in as the center admin. */
  readonly admin: CenterClient;
  close(options?: { keepData?: boolean }): Promise<void>;
}

/** A real server on a loopback port it picked (or `config.port`, to restart one), with its own data directory. */
export async function startTestServer(
  options: { clock?: Clock; dataDir?: string; config?: Partial<ServerConfig> } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'novbe-server-'));
  const config = loadConfig({
    env: {},
    overrides: {
      host: '127.0.0.1',
      port: 0,
      dataDir,
      adminPassword: ADMIN_PASSWORD,
      logLevel: 'silent',
      ...options.config,
    },
  });
  const server = await buildServer(config, options.clock);
  const address = await server.app.listen({ host: '127.0.0.1', port: config.port });
  const anonymous = createCenterClient({ baseUrl: address });
  const { token } = await anonymous.login({ body: { login: 'admin', password: ADMIN_PASSWORD } });
  return {
    url: address,
    server,
    dataDir,
    admin: anonymous.withToken(token),
    async close({ keepData = false } = {}) {
      await server.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Pairs a device through a one-time code; returns a client holding the device's token. */
export async function pairDevice(admin: CenterClient, request: PairingCodeRequest): Promise<CenterClient> {
  const { code } = await admin.createPairingCode({ body: request });
  const paired = await createCenterClient({ baseUrl: admin.options.baseUrl }).pair({ body: { code } });
  return admin.withToken(paired.token);
}

/** Sets a staff member's password as the admin would, then logs in as them. */
export async function loginStaff(admin: CenterClient, staffId: string, login: string): Promise<CenterClient> {
  const password = `${login}-password`;
  const res = await fetch(new URL(`/v1/staff/${staffId}/password`, admin.options.baseUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.options.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ password }),
  });
  if (!res.ok) throw new Error(`setting the password failed: ${res.status} ${await res.text()}`);
  const { token } = await createCenterClient({ baseUrl: admin.options.baseUrl }).login({
    body: { login, password },
  });
  return admin.withToken(token);
}

/** The refusal a client call ended in (code, HTTP status, message); throws if it succeeded. */
export async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (e) {
    if (e instanceof ProtocolError) return { code: e.code, status: e.status, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** A request as any program might send it, past the typed client: status and JSON body ({} for text). */
export async function rawRequest(baseUrl: string, path: string, init: RequestInit & { token?: string } = {}) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(init.headers as Record<string, string>),
  };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(new URL(path, baseUrl), { ...init, headers });
  const text = await res.text();
  const json = res.headers.get('content-type')?.startsWith('application/json')
    ? (JSON.parse(text) as object)
    : {};
  return { status: res.status, body: json as { code?: string; message?: string } };
}
