/**
 * The kiosk agent as its own process (`apps/kiosk/agent/src/main.ts`): configured from the
 * environment, paired with `--pair CODE`, serving the renderer's handler map over a WebSocket
 * on 127.0.0.1 behind its per-boot token, exactly as a browser-hosted renderer reaches it.
 */
import { PrinterEmulator } from '@novbe/printer';
import { connectAgent, type KioskEvent, type KioskHandlers, type RpcSocket } from '@novbe/protocol';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../apps/server/src/testing';

let server: TestServer | undefined;
let printer: PrinterEmulator | undefined;
let child: ChildProcess | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
  }
  await printer?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  child = printer = server = dataDir = undefined;
});

function startAgent(env: Record<string, string>, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'apps/kiosk/agent/src/main.ts', ...args], {
    env: { PATH: process.env.PATH, NOVBE_KIOSK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The first stdout line that holds the agent's address. */
function agentAddress(p: ChildProcess): Promise<{ agentUrl: string; agentToken: string }> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    p.stderr!.on('data', (d) => (stderr += String(d)));
    p.once('exit', (code) => reject(new Error(`agent exited with ${code}: ${stderr}`)));
    createInterface({ input: p.stdout! }).on('line', (line) => {
      if (line.includes('"agentUrl"')) resolve(JSON.parse(line) as { agentUrl: string; agentToken: string });
    });
  });
}

const exitOf = (p: ChildProcess) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    let stderr = '';
    p.stderr!.on('data', (d) => (stderr += String(d)));
    p.once('exit', (code) => resolve({ code, stderr }));
  });

describe('kiosk agent process', () => {
  it('pairs, serves the renderer over a loopback WebSocket with a per-boot token, and prints', async () => {
    server = await startTestServer();
    printer = new PrinterEmulator();
    const { port } = await printer.listenTcp(0);
    dataDir = mkdtempSync(join(tmpdir(), 'novbe-kiosk-process-'));
    const { code } = await server.admin.createPairingCode({ body: { role: 'kiosk', name: 'Giriş 2' } });
    child = startAgent(
      {
        NOVBE_KIOSK_SERVER_URL: server.url,
        NOVBE_KIOSK_DATA_DIR: dataDir,
        NOVBE_KIOSK_NAME: 'Giriş 2',
        NOVBE_KIOSK_NUMBER: '2',
        NOVBE_KIOSK_PRINTER: JSON.stringify({
          connection: { type: 'tcp', host: '127.0.0.1', port },
          pollIntervalMs: 100,
        }),
      },
      ['--pair', code],
    );
    const { agentUrl, agentToken } = await agentAddress(child);
    expect(agentUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);

    // A wrong token is refused and the socket closed.
    const intruder = new WebSocket(agentUrl);
    const refused = await new Promise<string>((resolve) => {
      intruder.on('open', () => intruder.send(JSON.stringify({ type: 'hello', token: 'x'.repeat(32) })));
      intruder.on('message', (m) => resolve(String(m)));
    });
    expect(JSON.parse(refused)).toMatchObject({ type: 'error', error: { code: 'unauthorized' } });

    const socket = new WebSocket(agentUrl);
    const bridge = connectAgent<KioskHandlers, KioskEvent>(socket as unknown as RpcSocket, agentToken);
    const events: KioskEvent[] = [];
    bridge.subscribe((e) => events.push(e));
    expect(await bridge.invoke('kiosk-status')).toEqual({
      ok: true,
      value: {
        inService: true,
        reason: null,
        link: 'online',
        printer: 'ready',
        cardReader: 'absent',
        outbox: 0,
      },
    });
    const catalog = await bridge.invoke('kiosk-catalog');
    expect(catalog.ok && catalog.value.services.length).toBe(40);
    const issued = await bridge.invoke('ticket-issue', { serviceId: 'tax-tin', language: 'az' });
    expect(issued).toMatchObject({ ok: true, value: { serviceId: 'tax-tin', offline: false } });
    const [ticket] = await printer.waitForTickets(1);
    expect(ticket!.textLines).toContain('Terminal: Giriş 2');
    // Bad input is a coded error, not a crash; the agent goes on.
    expect(await bridge.invoke('ticket-issue', { serviceId: 'nope', language: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-entity' },
    });
    expect(await bridge.invoke('ticket-issue', { language: 'xx' } as never)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });

    // Status changes are pushed.
    printer.setCoverOpen(true);
    await expect.poll(() => events.at(-1)?.status.reason, { timeout: 3000 }).toBe('cover-open');
    expect(await bridge.invoke('ticket-issue', { serviceId: 'tax-tin', language: 'az' })).toMatchObject({
      ok: false,
      error: { code: 'out-of-service' },
    });
    socket.close();

    child.kill('SIGTERM');
    expect((await exitOf(child)).code).toBe(0);
  });

  it('stops on a bad configuration, naming the key', async () => {
    child = startAgent({ NOVBE_KIOSK_SERVER_URL: 'http://127.0.0.1:1', NOVBE_KIOSK_LEASE_SIZE: 'many' });
    const { code, stderr } = await exitOf(child);
    expect(code).toBe(78);
    expect(stderr).toContain('leaseSize');
  });
});
