/**
 * The processes under test: where they run (one CPU for the server, one for this load
 * generator), and the center server as deployed — the bundle `npm run build -w @novbe/server`
 * makes, run by node with the server's flags and environment — with a fresh data directory.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Center } from '@novbe/core';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../../apps/server/src/tuning';
import { centerClient, health } from './center-api';
import { ProcessProbe } from './readers';

/**
 * Where the server and the load generator run. On a machine with 2 CPUs or more, and
 * `taskset` at hand, the server gets CPU 1 and this process (the simulated kiosks, counters
 * and displays, which in a center are other machines) CPU 0, so that the load generator does
 * not take the server's core; with `--share-cores` (or without taskset) both float.
 */
export interface Placement {
  readonly serverCpu: number | null;
  readonly benchCpu: number | null;
}

export function placeProcesses(shareCores: boolean): Placement {
  const canPin = !shareCores && availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0;
  if (!canPin) return { serverCpu: null, benchCpu: null };
  // Every thread of this process (V8's and libuv's included), and those it starts later.
  const pinned = spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { encoding: 'utf8' });
  if (pinned.status !== 0) throw new Error(`taskset failed: ${pinned.stderr}`);
  return { serverCpu: 1, benchCpu: 0 };
}

/** Starts `command` on the server's CPU (anywhere when the processes float). */
export function spawnOnServerCpu(
  placement: Placement,
  command: string[],
  options: SpawnOptions,
): ChildProcess {
  const pinned =
    placement.serverCpu === null ? command : ['taskset', '-c', String(placement.serverCpu), ...command];
  return spawn(pinned[0]!, pinned.slice(1), options);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Asks for `/health` every 50 ms until answered; `check` throws if waiting is pointless. */
export async function untilHealthy(baseUrl: string, tries: number, check?: () => void): Promise<void> {
  const client = centerClient(baseUrl, { timeoutMs: 1000 });
  for (let i = 0; ; i++) {
    check?.();
    try {
      return await health(client);
    } catch (e) {
      if (i >= tries) throw e;
      await sleep(50);
    }
  }
}

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly probe: ProcessProbe;
  /** Throws, with the end of the server's output, when the server died. */
  assertAlive(): void;
  stop(): Promise<void>;
}

/**
 * Starts the server bundle as its own process on the server's CPU, with a fresh data directory
 * (made by `prepare`, which runs first) holding `center` as its configuration file.
 */
export async function startServer(options: {
  bundle: string;
  placement: Placement;
  center: Center;
  adminPassword: string;
  prepare?: (dataDir: string) => void;
}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'novbe-bench-server-'));
  options.prepare?.(dataDir);
  const centerFile = join(dataDir, 'center.json');
  writeFileSync(centerFile, JSON.stringify(options.center));
  const port = await freePort();
  const child = spawnOnServerCpu(
    options.placement,
    [process.execPath, ...SERVER_NODE_FLAGS, options.bundle],
    {
      cwd: dataDir,
      env: {
        ...process.env,
        // As the bundle's first line starts it.
        ...SERVER_ENV,
        NOVBE_HOST: '127.0.0.1',
        NOVBE_PORT: String(port),
        NOVBE_DATA_DIR: dataDir,
        NOVBE_CENTER_FILE: centerFile,
        NOVBE_ADMIN_PASSWORD: options.adminPassword,
        NOVBE_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...String(chunk).split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 40));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exit: string | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = `exit code ${code}, signal ${signal}`;
      resolve();
    }),
  );
  // Ctrl-C during a run still removes the server and its data.
  const onSignal = () => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    probe: new ProcessProbe(child.pid!),
    assertAlive() {
      if (exit) throw new Error(`the server died (${exit}):\n${output.join('\n')}`);
    },
    async stop() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      server.probe.stop();
      if (!exit) {
        child.kill('SIGTERM');
        const timeout = sleep(5000).then(() => 'timeout');
        if ((await Promise.race([exited, timeout])) === 'timeout') {
          child.kill('SIGKILL');
          await exited;
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await untilHealthy(server.url, 600, () => server.assertAlive());
    return server;
  } catch (e) {
    await server.stop();
    throw e;
  }
}
