/**
 * The center server as a real process for cross-process tests: started from the sources on a
 * loopback port the test picked, with the data directory the test gives it; stopped cleanly
 * (SIGTERM) or killed (SIGKILL) and started again on the same directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Lines of the server's output kept, for the report of a failure. */
const KEEP_LINES = 300;

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly pid: number;
  /** Settles when the process ends, however it ends. */
  readonly exited: Promise<Exit>;
  /** The end of what the server wrote (pino's JSON lines), newest last. */
  output(): string[];
  /** SIGKILL: no shutdown, no flush, as a power cut or the OOM killer would. */
  kill9(): Promise<Exit>;
  /** SIGTERM, then SIGKILL after `graceMs`: the process's own shutdown. */
  stop(graceMs?: number): Promise<Exit>;
}

export interface ServerProcessOptions {
  readonly dataDir: string;
  readonly adminPassword: string;
  /** The same port on every restart keeps the clients' addresses valid. */
  readonly port?: number;
  /** `error` keeps the stack of every 500 in `output()`; `warn` by default. */
  readonly logLevel?: string;
  readonly env?: Record<string, string>;
  /** How long to wait for `/health` to answer, ms. */
  readonly startTimeoutMs?: number;
}

/** Every server process started here and not yet ended: a test that fails still ends them. */
const running = new Set<ChildProcess>();

/** Ends (SIGKILL) every server process this module started that is still running. */
export async function killAllStarted(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** Starts the server from the sources (tsx) and waits until `/health` answers. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NOVBE_HOST: '127.0.0.1',
      NOVBE_PORT: String(port),
      NOVBE_DATA_DIR: options.dataDir,
      NOVBE_ADMIN_PASSWORD: options.adminPassword,
      NOVBE_LOG_LEVEL: options.logLevel ?? 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    if (lines.length > KEEP_LINES) lines.splice(0, lines.length - KEEP_LINES);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  let ended: Exit | null = null;
  void exited.then((e) => (ended = e));

  const end = async (signal: NodeJS.Signals, graceMs: number): Promise<Exit> => {
    if (ended) return ended;
    child.kill(signal);
    const timeout = sleep(graceMs).then(() => null);
    const exit = await Promise.race([exited, timeout]);
    if (exit) return exit;
    child.kill('SIGKILL');
    return exited;
  };
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir: options.dataDir,
    pid: child.pid!,
    exited,
    output: () => [...lines],
    kill9: () => end('SIGKILL', 10_000),
    stop: (graceMs = 10_000) => end('SIGTERM', graceMs),
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (ended) {
      const { code, signal } = ended as Exit;
      throw new Error(
        `the server exited while starting (code ${code}, signal ${signal}):\n${lines.slice(-40).join('\n')}`,
      );
    }
    try {
      const res = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await server.kill9();
      throw new Error(`the server did not answer /health in time:\n${lines.slice(-40).join('\n')}`);
    }
    await sleep(40);
  }
}
