/**
 * The center server under load: the real server process on loopback (its own database file in
 * WAL; an answer leaves only once its commit is synced), driven by simulated kiosks, counters
 * and display clients that use the typed clients. Measures issue latency at a fixed rate (open
 * loop), call → received by every display that should show it, closed-loop issue throughput
 * and the server's resident memory.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { exampleCenter } from '@novbe/core/fixtures';
import {
  CenterClient,
  PROTOCOL_VERSION,
  type HttpAnswer,
  type HttpFetch,
  type IssueRequest,
  type PairingCodeRequest,
  type StreamMessage,
} from '@novbe/protocol';
import { ulid } from 'ulid';
import { WebSocket } from 'ws';
import { lowerHelperThreads, SERVER_NODE_FLAGS } from '../../apps/server/src/tuning';

/** The issue's targets. */
const TARGETS = { issueP99Ms: 5, callP99Ms: 50, rssMb: 200 };

const ADMIN_PASSWORD = 'bench-admin-password';
const KIOSKS = 4;
/** Operators of the example center and the counter each opens: 4 in hall 1, 3 in hall 2. */
const OPERATORS = [
  ['staff-aysel', 'aysel', 'counter-1'],
  ['staff-rauf', 'rauf', 'counter-4'],
  ['staff-leyla', 'leyla', 'counter-6'],
  ['staff-nigar', 'nigar', 'counter-17'],
  ['staff-tural', 'tural', 'counter-19'],
  ['staff-gunel', 'gunel', 'counter-22'],
  ['staff-orxan', 'orxan', 'counter-29'],
] as const;
/** The server allows 20 pairing attempts a minute from one address; displays pair from many. */
const PAIRS_PER_ADDRESS = 19;
/** Seconds of issues at the measured rate before the measurement, while the JIT settles. */
const WARMUP_SECONDS = 5;
/** Call cycles per counter before the measured calls, while the JIT settles. */
const WARMUP_CYCLES = 2;
const THROUGHPUT = { seconds: 5, concurrency: 16 };
const LANGUAGES = ['az', 'ru', 'en'] as const;

// ── Small statistics ──────────────────────────────────────────────────────

interface Stats {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles. */
function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN;
  return { n: sorted.length, p50: rank(0.5), p95: rank(0.95), p99: rank(0.99), max: sorted.at(-1) ?? NaN };
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : '—');
const fmt = (s: Stats) => `p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}, max ${ms(s.max)}`;
const round = (x: number, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
const mark = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
const progress = (line: string) => process.stderr.write(`· ${line}\n`);

// ── The server process ────────────────────────────────────────────────────

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Reads a process's resident memory and CPU time from /proc (Linux). */
/**
 * CPU time the hypervisor took from this machine's CPUs so far, ms per CPU (`steal` in
 * /proc/stat, in clock ticks of 1/100 s): on a virtual machine, time another guest ran while
 * ours was ready to. Zero on bare metal.
 */
function stolenMs(): number[] {
  return readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d+ /.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[8]) * 10);
}

/** What was stolen since `before` (from `stolenMs`), per CPU. */
const stolenSince = (before: number[]) => stolenMs().map((ms, cpu) => ms - (before[cpu] ?? 0));

class ProcessProbe {
  #peakRssMb = 0;
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(readonly pid: number) {
    this.#timer = setInterval(() => this.#sample(), 200);
    this.#timer.unref();
  }

  rssMb(): number {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  }

  /** User + system CPU seconds so far (clock ticks of 1/100 s, as on every Linux we ship to). */
  cpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  /** The highest RSS sampled since the last call, and the current one. */
  takePeakMb(): number {
    this.#sample();
    const peak = this.#peakRssMb;
    this.#peakRssMb = 0;
    return peak;
  }

  #sample(): void {
    try {
      this.#peakRssMb = Math.max(this.#peakRssMb, this.rssMb());
    } catch {
      // the process is gone; the bench notices through its exit event
    }
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

/** How long the data directory's disk takes to fsync a 4 KiB write: each answer waits for a WAL sync. */
function diskFsync(dir: string, samples = 300): Stats {
  const file = join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  const page = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      writeSync(fd, page);
      const t0 = performance.now();
      fsyncSync(fd);
      times.push(performance.now() - t0);
    }
  } finally {
    closeSync(fd);
    rmSync(file);
  }
  return stats(times);
}

interface ServerProcess {
  readonly url: string;
  /** The data disk's fsync time, measured before the server starts. */
  readonly diskFsync: Stats;
  readonly port: number;
  readonly probe: ProcessProbe;
  /** Throws, with the end of the server's output, when the server died. */
  assertAlive(): void;
  stop(): Promise<void>;
}

/**
 * Where the server and the load generator run. On a machine with 2 CPUs or more, and
 * `taskset` at hand, the server gets CPU 1 and this process (the simulated kiosks, counters
 * and displays, which in a center are other machines) CPU 0, so that the load generator does
 * not take the server's core; with `--share-cores` (or without taskset) both float.
 */
interface Placement {
  readonly serverCpu: number | null;
  readonly benchCpu: number | null;
}

function placeProcesses(shareCores: boolean): Placement {
  const canPin = !shareCores && availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0;
  if (!canPin) return { serverCpu: null, benchCpu: null };
  // Every thread of this process (V8's and libuv's included), and those it starts later.
  const pinned = spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { encoding: 'utf8' });
  if (pinned.status !== 0) throw new Error(`taskset failed: ${pinned.stderr}`);
  return { serverCpu: 1, benchCpu: 0 };
}

/** Starts `command` on the server's CPU (anywhere when the processes float). */
function spawnOnServerCpu(placement: Placement, command: string[], options: SpawnOptions): ChildProcess {
  const pinned =
    placement.serverCpu === null ? command : ['taskset', '-c', String(placement.serverCpu), ...command];
  return spawn(pinned[0]!, pinned.slice(1), options);
}

/** Asks for `/health` every 50 ms until answered; `check` throws if waiting is pointless. */
async function untilHealthy(client: CenterClient, tries: number, check?: () => void): Promise<void> {
  for (let i = 0; ; i++) {
    check?.();
    try {
      await client.health();
      return;
    } catch (e) {
      if (i >= tries) throw e;
      await sleep(50);
    }
  }
}

/**
 * What this machine puts under any answer: a bare `node:http` server (no framework, no
 * database, no sync) as its own process on the server's CPU, asked for `/health` through the
 * kiosks' client at the issue rate. The center server's own share of the issue latency is what
 * lies above this.
 */
async function loopbackFloor(placement: Placement, rate: number, count: number): Promise<Stats> {
  const port = await freePort();
  const health = JSON.stringify({ status: 'ok', protocol: PROTOCOL_VERSION, seq: 0 });
  const script =
    `require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => ` +
    `res.writeHead(200, { 'content-type': 'application/json' }).end(${JSON.stringify(health)})); })` +
    `.listen(${port}, '127.0.0.1');`;
  const child = spawnOnServerCpu(placement, [process.execPath, '-e', script], { stdio: 'ignore' });
  try {
    const client = new CenterClient({
      baseUrl: `http://127.0.0.1:${port}`,
      fetch: httpFetch({ agent: new Agent({ keepAlive: true }) }),
    });
    await untilHealthy(client, 100);
    for (let i = 0; i < 200; i++) await client.health(); // warm-up
    const floor = await openLoop(
      rate,
      (i) => i >= count,
      async () => {
        await client.health();
        return NaN;
      },
    );
    if (floor.errors) throw new Error(`loopback floor: ${floor.firstError}`);
    return floor.latency;
  } finally {
    child.kill('SIGKILL');
  }
}

/**
 * Starts the server as deployed — the bundle `npm run build -w @novbe/server` makes, run by
 * node with the server's flags — as its own process with a fresh data directory.
 */
async function startServer(bundle: string, placement: Placement): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'novbe-bench-server-'));
  const port = await freePort();
  const fsync = diskFsync(dataDir);
  const child = spawnOnServerCpu(placement, [process.execPath, ...SERVER_NODE_FLAGS, bundle], {
    cwd: dataDir,
    env: {
      ...process.env,
      NOVBE_HOST: '127.0.0.1',
      NOVBE_PORT: String(port),
      NOVBE_DATA_DIR: dataDir,
      NOVBE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      NOVBE_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  const cleanUpNow = () => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  // Ctrl-C during a run still removes the server and its data.
  const onSignal = () => {
    cleanUpNow();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    port,
    diskFsync: fsync,
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
    await untilHealthy(new CenterClient({ baseUrl: server.url, timeoutMs: 1000 }), 600, () =>
      server.assertAlive(),
    );
    return server;
  } catch (e) {
    await server.stop();
    throw e;
  }
}

// ── Setup through the typed clients ───────────────────────────────────────

/**
 * The typed client's `fetch` over `node:http`: requests leave from `localAddress` (any
 * 127.x.y.z on Linux loopback) and reuse the agent's connections, and the answer is read into a
 * plain object. Node's built-in fetch, and even a `Response` built around the answer, cost the
 * kiosks most of their CPU per request on this machine, and their garbage pauses of several
 * milliseconds landed in the measured latency.
 */
function httpFetch({ localAddress, agent }: { localAddress?: string; agent?: Agent }): HttpFetch {
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

/** Runs `task` over `items` with at most `limit` at a time. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T, i: number) => Promise<R>) {
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

/** Pairs devices as an installer would, each from its own loopback address (a LAN has many). */
let paired = 0;
async function pairDevices(admin: CenterClient, requests: readonly PairingCodeRequest[]): Promise<string[]> {
  return pool(requests, 8, async (req) => {
    const { code } = await admin.createPairingCode(req);
    const slot = Math.floor(paired++ / PAIRS_PER_ADDRESS);
    const address = `127.0.${1 + Math.floor(slot / 250)}.${2 + (slot % 250)}`;
    const device = new CenterClient({
      baseUrl: admin.options.baseUrl,
      fetch: httpFetch({ localAddress: address }),
    });
    return (await device.pair({ code })).token;
  });
}

/** Sets a staff member's password as the admin does, logs in and opens a counter. */
async function openCounter(admin: CenterClient, staffId: string, login: string, counterId: string) {
  const password = `${login}-bench-password`;
  const res = await fetch(new URL(`/v1/staff/${staffId}/password`, admin.options.baseUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.options.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ password }),
  });
  if (!res.ok) throw new Error(`setting ${login}'s password failed: ${res.status} ${await res.text()}`);
  const { token } = await new CenterClient({ baseUrl: admin.options.baseUrl }).login({ login, password });
  const staff = admin.withToken(token);
  await staff.counterCommand(counterId, { action: 'open' });
  return staff;
}

// ── Load ──────────────────────────────────────────────────────────────────

const SERVICES = exampleCenter.services.map((s) => s.id);

/** The i-th ticket of a run: services in a stride that visits all 40, some priority citizens. */
function issueRequest(i: number): IssueRequest {
  return {
    id: ulid(),
    serviceId: SERVICES[(i * 7) % SERVICES.length]!,
    language: LANGUAGES[i % LANGUAGES.length]!,
    ...(i % 10 === 9 ? { priorityReason: 'elderly' as const } : {}),
  };
}

/**
 * Issues one ticket through the typed client; resolves with the server's own time for it (its
 * `server-timing` header: Fastify's onRequest → onSend, the WAL sync included), so the
 * server's part can be told from the network and the client.
 */
async function issueTimed(kiosk: CenterClient, req: IssueRequest): Promise<number> {
  let serverMs = NaN;
  const timed = new CenterClient({
    ...kiosk.options,
    fetch: async (input, init) => {
      const res = await (kiosk.options.fetch ?? fetch)(input, init);
      const m = /dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
      if (m) serverMs = Number(m[1]);
      return res;
    },
  });
  await timed.issueTicket(req);
  return serverMs;
}

interface OpenLoopResult {
  /** From the planned send time to the answer: a late send counts against the server's figure. */
  readonly latency: Stats;
  /** From the actual send to the answer. */
  readonly service: Stats;
  /** Inside the server, from its `server-timing` header. */
  readonly server: Stats;
  /** How late the sends left against the plan (the load generator's own delay). */
  readonly sendLag: Stats;
  readonly sent: number;
  readonly errors: number;
  readonly firstError: string | null;
  readonly seconds: number;
}

/**
 * Sends `send(i)` at `rate` per second on a fixed schedule, never waiting for earlier answers
 * (open loop), until `done(i)`; latency is measured from each request's planned time, so a
 * stalled server cannot hide its stall by slowing the load (coordinated omission).
 */
async function openLoop(
  rate: number,
  done: (i: number) => boolean,
  send: (i: number) => Promise<number>,
): Promise<OpenLoopResult> {
  const interval = 1000 / rate;
  const latency: number[] = [];
  const service: number[] = [];
  const server: number[] = [];
  const lag: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now() + 2;
  let i = 0;
  for (; !done(i); i++) {
    const planned = start + i * interval;
    const wait = planned - performance.now();
    if (wait >= 1) await sleep(Math.floor(wait));
    const sentAt = performance.now();
    lag.push(Math.max(0, sentAt - planned));
    const p: Promise<void> = send(i).then(
      (serverMs) => {
        const now = performance.now();
        // A request the timer let out early is timed from its real send: no head start.
        latency.push(now - Math.min(planned, sentAt));
        service.push(now - sentAt);
        if (Number.isFinite(serverMs)) server.push(serverMs);
      },
      (e: unknown) => {
        errors++;
        firstError ??= (e as Error).message;
      },
    );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
  return {
    latency: stats(latency),
    service: stats(service),
    server: stats(server),
    sendLag: stats(lag),
    sent: i,
    errors,
    firstError,
    seconds: (performance.now() - start) / 1000,
  };
}

/** `concurrency` workers each issue one ticket after another for `seconds`. */
async function closedLoop(kiosks: readonly CenterClient[], seconds: number, concurrency: number) {
  const latencies: number[] = [];
  const server: number[] = [];
  let errors = 0;
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const serverMs = await issueTimed(kiosks[w % kiosks.length]!, issueRequest(n++));
          latencies.push(performance.now() - t0);
          if (Number.isFinite(serverMs)) server.push(serverMs);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return {
    perSecond: latencies.length / elapsed,
    latency: stats(latencies),
    server: stats(server),
    errors,
    issued: latencies.length,
  };
}

// ── Displays ──────────────────────────────────────────────────────────────

type Halls = readonly string[] | null;

/** 40 % all halls (no filter), 30 % both halls listed, 15 % hall 1 only, 15 % hall 2 only. */
function hallsOfDisplay(i: number): Halls {
  const k = i % 20;
  if (k < 8) return null;
  if (k < 14) return ['hall-1', 'hall-2'];
  return k < 17 ? ['hall-1'] : ['hall-2'];
}

const shows = (halls: Halls, hallId: string | null) =>
  halls === null || (hallId !== null && halls.includes(hallId));

interface Arrival {
  count: number;
  first: number;
  last: number;
}

/** Display clients in this process: the hello of the event stream, then JSON.parse per message. */
class DisplayFleet {
  readonly sockets: WebSocket[] = [];
  /** ticket id of each `ticket.called` → when it reached the first and the last display. */
  readonly calls = new Map<string, Arrival>();
  delivered = 0;
  misrouted = 0;
  closedEarly = 0;
  #closing = false;

  constructor(
    readonly wsUrl: string,
    readonly halls: readonly Halls[],
  ) {}

  /** How many displays should receive an event of this hall. */
  expected(hallId: string | null): number {
    return this.halls.filter((h) => shows(h, hallId)).length;
  }

  async connect(tokens: readonly string[]): Promise<void> {
    await pool(tokens, 50, (token, i) => this.#connectOne(token, this.halls[i]!));
  }

  #connectOne(token: string, halls: Halls): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.wsUrl);
      this.sockets.push(ws);
      const timer = setTimeout(() => reject(new Error('a display got no snapshot within 10 s')), 10_000);
      ws.on('open', () =>
        ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token, since: 0 })),
      );
      ws.on('error', reject);
      ws.on('close', () => {
        if (!this.#closing) this.closedEarly++;
      });
      ws.on('message', (data) => {
        const now = performance.now();
        const m = JSON.parse(String(data)) as StreamMessage;
        if (m.type === 'snapshot') {
          clearTimeout(timer);
          resolve();
        } else if (m.type === 'error') {
          reject(new Error(`display refused: ${m.error.message}`));
        } else if (m.type === 'events') {
          for (const e of m.events) {
            this.delivered++;
            if (!shows(halls, e.hallId)) this.misrouted++;
            if (e.type !== 'ticket.called') continue;
            const a = this.calls.get(e.ticketId);
            if (a) {
              a.count++;
              a.last = now;
            } else this.calls.set(e.ticketId, { count: 1, first: now, last: now });
          }
        }
      });
    });
  }

  close(): void {
    this.#closing = true;
    for (const ws of this.sockets) ws.terminate();
  }
}

interface Call {
  readonly counterId: string;
  readonly hallId: string;
  readonly t0: number;
  readonly ticketId: string;
  readonly warmup: boolean;
}

/**
 * Operators work in cycles, `period` ms apart per counter (staggered): finish the citizen at
 * the desk, then call the next one; start serving a moment after the call. `t0` is taken just
 * before the call's POST is sent.
 */
async function runCounters(
  operators: readonly { client: CenterClient; counterId: string; hallId: string }[],
  callsPerSecond: number,
  measuredCalls: number,
): Promise<{ calls: Call[]; empty: number; errors: number; firstError: string | null }> {
  const period = (1000 * operators.length) / callsPerSecond;
  const calls: Call[] = [];
  let measured = 0;
  let empty = 0;
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now() + 10;
  // Stops short rather than hang if the counters' lines run dry.
  const deadline = start + (3 * measuredCalls * 1000) / callsPerSecond + 30_000;
  await Promise.all(
    operators.map(async ({ client, counterId, hallId }, k) => {
      let holding = false;
      for (let cycle = 0; measured < measuredCalls && performance.now() < deadline; cycle++) {
        const planned = start + (k * period) / operators.length + cycle * period;
        const wait = planned - performance.now();
        if (wait >= 1) await sleep(Math.floor(wait));
        try {
          if (holding) await client.counterCommand(counterId, { action: 'finish' });
          holding = false;
          const t0 = performance.now();
          const r = await client.counterCommand(counterId, { action: 'call-next' });
          if (!r.called) {
            empty++;
            continue;
          }
          const warmup = cycle < WARMUP_CYCLES;
          if (!warmup) measured++;
          calls.push({ counterId, hallId, t0, ticketId: r.called.ticketId, warmup });
          await sleep(Math.floor(period * 0.3));
          await client.counterCommand(counterId, { action: 'start' });
          holding = true;
        } catch (e) {
          errors++;
          firstError ??= (e as Error).message;
        }
      }
      if (holding) await client.counterCommand(counterId, { action: 'finish' });
    }),
  );
  return { calls, empty, errors, firstError };
}

// ── The benchmark ─────────────────────────────────────────────────────────

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      rate: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '20' },
      displays: { type: 'string', default: '500' },
      calls: { type: 'string', default: '300' },
      'call-rate': { type: 'string', default: '10' },
      'share-cores': { type: 'boolean', default: false },
      // Given by server-launch.ts, which builds it.
      'server-bundle': { type: 'string' },
    },
  });
  if (!values['server-bundle']) throw new Error('run through `npm run bench:server`: it builds the server');
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const displayCount = Number(values.displays);
  const measuredCalls = Number(values.calls);
  const callRate = Number(values['call-rate']);
  for (const [name, v] of Object.entries({ rate, seconds, displays: displayCount, calls: measuredCalls }))
    if (!(v > 0)) throw new Error(`--${name} must be a positive number`);
  if (!(callRate > 0)) throw new Error('--call-rate must be a positive number');

  const started = performance.now();
  const loadBefore = loadavg()[0]!;
  const placement = placeProcesses(values['share-cores']);
  // The kiosks and displays answer first here too, as the server does for itself.
  await lowerHelperThreads();
  progress(`loopback floor: a bare node:http server, ${rate} requests/s for 10 s…`);
  const floorSteal0 = stolenMs();
  const floor = await loopbackFloor(placement, rate, Math.round(rate * 10));
  const floorStolen = stolenSince(floorSteal0);
  progress(
    `starting the center server (node apps/server/dist/novbe-server.mjs` +
      (placement.serverCpu === null
        ? ')…'
        : ` on CPU ${placement.serverCpu}; this process on CPU ${placement.benchCpu})…`),
  );
  const server = await startServer(values['server-bundle'], placement);
  const fleet = new DisplayFleet(
    `ws://127.0.0.1:${server.port}/v1/events`,
    Array.from({ length: displayCount }, (_, i) => hallsOfDisplay(i)),
  );
  try {
    const probe = server.probe;
    const anonymous = new CenterClient({ baseUrl: server.url });
    const admin = anonymous.withToken(
      (await anonymous.login({ login: 'admin', password: ADMIN_PASSWORD })).token,
    );

    progress(`pairing ${KIOSKS} kiosks and ${displayCount} displays, opening ${OPERATORS.length} counters…`);
    const kioskTokens = await pairDevices(
      admin,
      Array.from({ length: KIOSKS }, (_, i) => ({ role: 'kiosk' as const, name: `Bench kiosk ${i + 1}` })),
    );
    // Kiosks keep their connections open, as the kiosk agent's fetch does.
    const kioskAgent = new Agent({ keepAlive: true });
    const kiosks = kioskTokens.map(
      (token) => new CenterClient({ ...admin.options, token, fetch: httpFetch({ agent: kioskAgent }) }),
    );
    const displayTokens = await pairDevices(
      admin,
      fleet.halls.map((halls, i) => ({
        role: 'display' as const,
        name: `Bench display ${i + 1}`,
        ...(halls ? { hallIds: [...halls] } : {}),
      })),
    );
    const operators = await Promise.all(
      OPERATORS.map(async ([staffId, login, counterId]) => ({
        client: await openCounter(admin, staffId, login, counterId),
        counterId,
        hallId: exampleCenter.counters.find((c) => c.id === counterId)!.hallId,
      })),
    );
    const rssIdleMb = probe.takePeakMb();

    // ── Phase 1: issue latency at a fixed rate ──
    progress(`warm-up: ${rate} issues/s for ${WARMUP_SECONDS} s (not counted)…`);
    const warmUp = await openLoop(
      rate,
      (i) => i >= rate * WARMUP_SECONDS,
      (i) => issueTimed(kiosks[i % KIOSKS]!, issueRequest(i)),
    );
    if (warmUp.errors) throw new Error(`warm-up: ${warmUp.errors} issues failed: ${warmUp.firstError}`);
    progress(`phase 1: ${rate} issues/s for ${seconds} s, open loop over ${KIOSKS} kiosks…`);
    const total = Math.round(rate * seconds);
    let cpu0 = probe.cpuSeconds();
    let own0 = process.cpuUsage();
    const projections0 = await serverProjections(server.url);
    const steal0 = stolenMs();
    const issues = await openLoop(
      rate,
      (i) => i >= total,
      (i) => issueTimed(kiosks[i % KIOSKS]!, issueRequest(i)),
    );
    const phase1Cpu = {
      server: (probe.cpuSeconds() - cpu0) / issues.seconds,
      bench: cpuOf(process.cpuUsage(own0)) / issues.seconds,
    };
    server.assertAlive();
    const rssPhase1Mb = probe.takePeakMb();
    const projections1 = await serverProjections(server.url);
    const phase1Stolen = stolenSince(steal0);

    // ── Phase 2: call → every display ──
    progress(`phase 2: connecting ${displayCount} display clients…`);
    await fleet.connect(displayTokens);
    const rssConnectedMb = probe.rssMb();
    probe.takePeakMb();
    progress(
      `phase 2: ${OPERATORS.length} counters calling ${callRate}/s until ${measuredCalls} measured calls, ` +
        `kiosks issuing ${callRate}/s beside…`,
    );
    cpu0 = probe.cpuSeconds();
    own0 = process.cpuUsage();
    const phase2Start = performance.now();
    let countersDone = false;
    const [counterRun, background] = await Promise.all([
      runCounters(operators, callRate, measuredCalls).finally(() => (countersDone = true)),
      openLoop(
        callRate,
        () => countersDone,
        (i) => issueTimed(kiosks[i % KIOSKS]!, issueRequest(i + 100_000)),
      ),
    ]);
    // Let the last calls reach every display (or give up after 3 s: they count as undelivered).
    const complete = (c: Call) => (fleet.calls.get(c.ticketId)?.count ?? 0) >= fleet.expected(c.hallId);
    for (let i = 0; i < 60 && !counterRun.calls.every(complete); i++) await sleep(50);
    const phase2Seconds = (performance.now() - phase2Start) / 1000;
    const phase2Cpu = {
      server: (probe.cpuSeconds() - cpu0) / phase2Seconds,
      bench: cpuOf(process.cpuUsage(own0)) / phase2Seconds,
    };
    const rssPhase2PeakMb = probe.takePeakMb();
    const rssAfterLoadMb = probe.rssMb();
    server.assertAlive();

    const measured = counterRun.calls.filter((c) => !c.warmup);
    const toAll: number[] = [];
    const toFirst: number[] = [];
    let undelivered = 0;
    for (const c of measured) {
      const a = fleet.calls.get(c.ticketId);
      if (!a || a.count < fleet.expected(c.hallId)) {
        undelivered++;
        continue;
      }
      toAll.push(a.last - c.t0);
      toFirst.push(a.first - c.t0);
    }
    const callAll = stats(toAll);
    const callFirst = stats(toFirst);
    const closedEarly = fleet.closedEarly;
    fleet.close();

    // ── Throughput: closed loop, displays disconnected ──
    progress(`throughput: ${THROUGHPUT.concurrency} concurrent issuers for ${THROUGHPUT.seconds} s…`);
    cpu0 = probe.cpuSeconds();
    const throughput = await closedLoop(kiosks, THROUGHPUT.seconds, THROUGHPUT.concurrency);
    const throughputServerCpu = (probe.cpuSeconds() - cpu0) / THROUGHPUT.seconds;
    server.assertAlive();
    const rssEndMb = probe.rssMb();
    const eventsInLog = (await admin.snapshot()).seq;
    const memory = await serverMemory(server.url);

    // The highest reading of the whole run: with the displays connected, under load and after it.
    const rssMb = Math.max(rssIdleMb, rssPhase1Mb, rssConnectedMb, rssPhase2PeakMb, rssAfterLoadMb, rssEndMb);
    const wallS = (performance.now() - started) / 1000;

    // ── Report ──
    const out = console.log;
    out(`Növbə center server benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
    out(
      'The server runs as its own process, built as deployed (real sockets, its database file in WAL, every answer after the WAL sync); ' +
        'kiosks, counters and all display clients run in this benchmark process on the same machine' +
        (placement.serverCpu === null
          ? ', sharing its cores.'
          : ` — the server on CPU ${placement.serverCpu}, this process on CPU ${placement.benchCpu} (--share-cores to let them share).`),
    );
    out('');
    out(
      `Issue at ${rate}/s for ${seconds} s (open loop, ${KIOSKS} kiosks, ${SERVICES.length} services, ` +
        `from the planned send time, after ${WARMUP_SECONDS} s of warm-up at the same rate, not counted):`,
    );
    out(`  ${fmt(issues.latency)} over ${issues.latency.n} issues; ${issues.errors} errors`);
    if (issues.firstError) out(`  first error: ${issues.firstError}`);
    out(
      `  from the actual send: ${fmt(issues.service)}; send lag of the load generator: p99 ${ms(issues.sendLag.p99)}`,
    );
    out(
      `  inside the server (server-timing: request received → answer sent, the WAL sync included): ${fmt(issues.server)}`,
    );
    out(
      `  fsync of a 4 KiB write on the data disk, measured before the server started: ${fmt(server.diskFsync)}`,
    );
    out(
      `  the machine's floor, a bare node:http server on the server's CPU asked through the same client at ${rate}/s: ${fmt(floor)}`,
    );
    out(
      `  CPU time the hypervisor took (steal): ${phase1Stolen.map((ms, cpu) => `CPU ${cpu} ${ms} ms`).join(', ')} in these ${seconds} s; ` +
        `${floorStolen.map((ms, cpu) => `CPU ${cpu} ${ms} ms`).join(', ')} while the floor was measured`,
    );
    out(
      `  wait-estimate projections: ${projections1.request - projections0.request} inside a request, ` +
        `${projections1.afterAnswer - projections0.afterAnswer} after the answers`,
    );
    out(
      `  CPU: server ${pct(phase1Cpu.server)} of a core, benchmark process ${pct(phase1Cpu.bench)}; ` +
        `issue p99 ${ms(issues.latency.p99)} — ${mark(issues.latency.p99 <= TARGETS.issueP99Ms && issues.errors === 0)} (≤ ${TARGETS.issueP99Ms} ms at 200/s)`,
    );
    out('');
    out(
      `Call → received by every display that shows its hall (${displayCount} display clients in this process: ` +
        `${fleet.halls.filter((h) => h === null).length} all halls, ${fleet.halls.filter((h) => h?.length === 2).length} both halls listed, ` +
        `${fleet.halls.filter((h) => h?.length === 1 && h[0] === 'hall-1').length} hall 1, ${fleet.halls.filter((h) => h?.length === 1 && h[0] === 'hall-2').length} hall 2; ` +
        `${OPERATORS.length} counters, ${callRate} calls/s with start and finish, kiosks issuing ${callRate}/s beside):`,
    );
    out(
      `  to the last display: ${fmt(callAll)} over ${callAll.n} calls (${counterRun.calls.length - measured.length} warm-up calls not counted)`,
    );
    out(`  to the first display: ${fmt(callFirst)}`);
    out(
      `  undelivered ${undelivered}, misrouted ${fleet.misrouted}, displays dropped ${closedEarly}, ` +
        `call errors ${counterRun.errors}${counterRun.firstError ? ` (${counterRun.firstError})` : ''}, empty calls ${counterRun.empty}; ` +
        `${fleet.delivered.toLocaleString('en')} events delivered in ${phase2Seconds.toFixed(1)} s`,
    );
    out(
      `  issues beside, with the displays connected: ${fmt(background.latency)} over ${background.latency.n} ` +
        `(inside the server: p50 ${ms(background.server.p50)}, p99 ${ms(background.server.p99)}); ${background.errors} errors`,
    );
    out(
      `  CPU: server ${pct(phase2Cpu.server)} of a core, benchmark process ${pct(phase2Cpu.bench)}; ` +
        `call → all displays p99 ${ms(callAll.p99)} — ${mark(callAll.p99 <= TARGETS.callP99Ms && undelivered === 0 && callAll.n >= measuredCalls)} (≤ ${TARGETS.callP99Ms} ms, 500 displays)`,
    );
    out('');
    out(
      `Throughput, closed loop, ${THROUGHPUT.concurrency} concurrent issuers over ${KIOSKS} kiosks for ${THROUGHPUT.seconds} s, no display connected: ` +
        `${Math.round(throughput.perSecond).toLocaleString('en')} issues/s (${fmt(throughput.latency)}; inside the server p50 ${ms(throughput.server.p50)}, ` +
        `p99 ${ms(throughput.server.p99)}; ${throughput.errors} errors; server CPU ${pct(throughputServerCpu)} of a core)`,
    );
    out('');
    out(
      `Server RSS: ${rssIdleMb.toFixed(0)} MB after setup, ${rssPhase1Mb.toFixed(0)} MB peak in phase 1, ` +
        `${rssConnectedMb.toFixed(0)} MB with ${displayCount} displays connected, ${rssPhase2PeakMb.toFixed(0)} MB peak under calls, ` +
        `${rssAfterLoadMb.toFixed(0)} MB after the load, ${rssEndMb.toFixed(0)} MB at the end — ` +
        `max ${rssMb.toFixed(0)} MB over the run — ${mark(rssMb <= TARGETS.rssMb)} (≤ ${TARGETS.rssMb} MB)`,
    );
    out(
      `  of which, by the server's /metrics at the end: V8 heap ${memory.heapUsed.toFixed(0)} MB used of ${memory.heapTotal.toFixed(0)} MB, ` +
        `external ${memory.external.toFixed(0)} MB (the rest is code, native libraries and the checkpoint worker)`,
    );
    out(
      `Events in the log at the end: ${eventsInLog.toLocaleString('en')}; whole run ${wallS.toFixed(0)} s; ` +
        `1-minute load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after ` +
        `(more than the benchmark's own share means other work shared the 2 cores).`,
    );

    if (values.json) {
      out(
        JSON.stringify({
          issue_p50_ms: round(issues.latency.p50),
          issue_p95_ms: round(issues.latency.p95),
          issue_p99_ms: round(issues.latency.p99),
          issue_server_p50_ms: round(issues.server.p50),
          issue_server_p99_ms: round(issues.server.p99),
          loopback_floor_p99_ms: round(floor.p99),
          issue_phase_steal_ms: Math.max(0, ...phase1Stolen),
          issue_max_ms: round(issues.latency.max),
          issue_errors: issues.errors,
          call_to_all_displays_p50_ms: round(callAll.p50),
          call_to_all_displays_p95_ms: round(callAll.p95),
          call_to_all_displays_p99_ms: round(callAll.p99),
          call_to_all_displays_max_ms: round(callAll.max),
          calls: callAll.n,
          undelivered,
          throughput_issues_per_s: Math.round(throughput.perSecond),
          rss_mb: round(rssMb, 1),
          displays: displayCount,
          rate,
          server_cpu: placement.serverCpu,
        }),
      );
    }
  } finally {
    fleet.close();
    await server.stop();
  }
}

/** The server's Prometheus metrics, read by name (with its labels, if any). */
async function serverMetrics(url: string) {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`novbe_${name} `));
    return Number(line?.slice(line.lastIndexOf(' ') + 1));
  };
}

/** The server's heap figures, MB. */
async function serverMemory(url: string) {
  const metric = await serverMetrics(url);
  const mb = (name: string) => metric(name) / 2 ** 20;
  return {
    heapUsed: mb('nodejs_heap_size_used_bytes'),
    heapTotal: mb('nodejs_heap_size_total_bytes'),
    external: mb('nodejs_external_memory_bytes'),
  };
}

/** Wait-estimate projections the server has made so far. */
async function serverProjections(url: string) {
  const metric = await serverMetrics(url);
  return {
    request: metric('estimate_projections_total{when="request"}'),
    afterAnswer: metric('estimate_projections_total{when="after_answer"}'),
  };
}

function cpuOf(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

function pct(x: number): string {
  return `${Math.round(x * 100)} %`;
}
