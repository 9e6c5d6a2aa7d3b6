/**
 * A kiosk on a test bench: a real center server (startTestServer) behind a "LAN" (a TCP
 * forwarder on a loopback port that stays put while the server behind it dies and comes back),
 * a printer emulator on TCP, an optional card-reader emulator on a socat pty, and the kiosk
 * agent in process. Shared by the kiosk's cross-process tests.
 */
import { CardReaderEmulator } from '@novbe/card-reader';
import { PrinterEmulator } from '@novbe/printer';
import { startKioskAgent, type KioskAgent, type KioskAgentConfigInput } from '@novbe/kiosk/agent';
import type { KioskStatus } from '@novbe/protocol';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../apps/server/src/testing';

/** Monday 23 November 2026, 10:00 in Baku: the center is open. */
export const MONDAY_10_00 = Date.parse('2026-11-23T10:00:00+04:00');

/** What sits between the kiosk and the server: forwards, refuses, or swallows connections. */
export class LanForwarder {
  readonly #server: Server;
  readonly #pairs = new Set<{ client: Socket; upstream: Socket | null }>();
  #target: number | null = null;
  #blackhole = false;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<LanForwarder> {
    const server = createServer();
    const lan = new LanForwarder(server);
    server.on('connection', (socket) => lan.#accept(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return lan;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as { port: number }).port}`;
  }

  /** Sends connections to this port (null: refuse them, as a dead host's closed port would). */
  target(port: number | null): void {
    this.#target = port;
    this.#blackhole = false;
    this.cut();
  }

  /**
   * Nothing gets through any more, and nothing is refused either: a hung server or a dead
   * switch. Open connections stay open and silent.
   */
  blackhole(): void {
    this.#blackhole = true;
    for (const { client, upstream } of this.#pairs) {
      if (!upstream) continue;
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.resume(); // read and drop what the kiosk sends
    }
  }

  /** Drops every open connection (keep-alive ones too). */
  cut(): void {
    for (const { client, upstream } of this.#pairs) {
      client.destroy();
      upstream?.destroy();
    }
    this.#pairs.clear();
  }

  #accept(client: Socket): void {
    const pair: { client: Socket; upstream: Socket | null } = { client, upstream: null };
    this.#pairs.add(pair);
    client.on('close', () => {
      this.#pairs.delete(pair);
      pair.upstream?.destroy();
    });
    client.on('error', () => client.destroy());
    if (this.#blackhole) return void client.resume();
    if (this.#target === null) return void client.resetAndDestroy();
    const upstream = connect(this.#target, '127.0.0.1');
    pair.upstream = upstream;
    upstream.on('close', () => client.destroy());
    upstream.on('error', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

export interface KioskRig {
  server: TestServer;
  readonly lan: LanForwarder;
  readonly printer: PrinterEmulator;
  readonly cardReader: CardReaderEmulator | null;
  readonly agent: KioskAgent;
  readonly dataDir: string;
  /** The time both the server and the agent see. */
  readonly clock: () => number;
  /** Moves that time forward. */
  advance(ms: number): void;
  /** Stops the center server (its data stays) and leaves the LAN refusing connections. */
  stopServer(): Promise<void>;
  /**
   * Starts a new center server on the same data directory behind the same LAN address;
   * `beforeLan` runs once it listens but before the kiosk can reach it.
   */
  restartServer(beforeLan?: (server: TestServer) => Promise<void>): Promise<void>;
  /** Resolves with the first status that satisfies `test` (the current one included). */
  waitForStatus(test: (s: KioskStatus) => boolean, timeoutMs?: number): Promise<KioskStatus>;
  close(): Promise<void>;
}

/** Starts the bench and pairs the agent with the server through a one-time code. */
export async function startKioskRig(
  options: { cardReader?: boolean; agent?: Partial<KioskAgentConfigInput>; printerOutputDir?: string } = {},
): Promise<KioskRig> {
  const t0 = Date.now();
  let offset = 0;
  const clock = () => MONDAY_10_00 + offset + (Date.now() - t0);
  const dataDir = mkdtempSync(join(tmpdir(), 'novbe-kiosk-rig-'));
  const serverDir = join(dataDir, 'server');
  let server = await startTestServer({ clock, dataDir: serverDir });
  let serverUp = true;
  const lan = await LanForwarder.start();
  lan.target(Number(new URL(server.url).port));
  const printer = new PrinterEmulator({ outputDir: options.printerOutputDir });
  const { port } = await printer.listenTcp(0);
  const cardReader = options.cardReader ? await CardReaderEmulator.start() : null;
  const agent = await startKioskAgent(
    {
      serverUrl: lan.url,
      dataDir: join(dataDir, 'kiosk'),
      kioskName: 'Giriş 1',
      kioskNumber: 1,
      printer: {
        connection: { type: 'tcp', host: '127.0.0.1', port },
        pollIntervalMs: 100,
        responseTimeoutMs: 500,
        printTimeoutMs: 5_000,
      },
      cardReader: cardReader ? { type: 'serial', path: cardReader.path } : { type: 'none' },
      onlineBudgetMs: 400,
      leaseSize: 4,
      syncIntervalMs: 300,
      probeIntervalMs: 100,
      heartbeatIntervalMs: 1_000,
      logLevel: 'silent',
      ...options.agent,
    },
    { clock },
  );
  const { code } = await server.admin.createPairingCode({ body: { role: 'kiosk', name: 'Giriş 1' } });
  await agent.pair(code);

  const rig: KioskRig = {
    server,
    lan,
    printer,
    cardReader,
    agent,
    dataDir,
    clock,
    advance(ms) {
      offset += ms;
    },
    async stopServer() {
      lan.target(null);
      serverUp = false;
      await server.close({ keepData: true });
    },
    async restartServer(beforeLan) {
      server = await startTestServer({ clock, dataDir: serverDir });
      rig.server = server;
      serverUp = true;
      await beforeLan?.(server);
      lan.target(Number(new URL(server.url).port));
    },
    waitForStatus(test, timeoutMs = 5_000) {
      if (test(agent.status())) return Promise.resolve(agent.status());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`status never matched; last: ${JSON.stringify(agent.status())}`));
        }, timeoutMs);
        const off = agent.onEvent((e) => {
          if (!test(e.status)) return;
          clearTimeout(timer);
          off();
          resolve(e.status);
        });
      });
    },
    async close() {
      await agent.close();
      await cardReader?.stop();
      await printer.close();
      await lan.close();
      if (serverUp) await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return rig;
}
