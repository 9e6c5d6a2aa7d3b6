/**
 * `npm run bench:streams [-- --json --streams 200 --tickets 3000 --seconds 15]`: the center
 * server's memory with event-stream clients that never read. The server runs as deployed (the
 * bundle of `npm run build -w @novbe/server`, node with its flags) on a fresh database; a kiosk
 * and the operators make a realistic day (every ticket issued, called, started and finished);
 * then, for each `since` a client may send — 0 (a snapshot), mid-day and the oldest the server
 * still replays (the start of the day, or 20,000 events back) — that many clients open a stream as the admin (every event,
 * the largest stream there is), send their hello and never read, while the center goes on
 * working. The server's RSS is sampled every 200 ms; the target is its peak ≤ 250 MB.
 *
 * `--server-bundle <file>` runs another build instead (an older commit's, to compare);
 * `BENCH_SERVER_LOG=debug` shows the server's log (a stream dropped in its replay, say).
 *
 * The per-principal cap is lifted for the run (`NOVBE_STREAMS_PER_PRINCIPAL`), so the figure is
 * what the send limit alone holds: with the default cap, one principal opens only 8 streams.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildServer } from '../../apps/server/bundle';
import { SERVER_NODE_FLAGS } from '../../apps/server/src/tuning';
import { neverReadingStream, openCenter, pool } from './streams-clients';
import { parseCommandLine, wholeNumber } from '../lib/args';

const TARGET_RSS_MB = 250;
/** The most events the server replays to a stream (`MAX_REPLAY` in routes/events.ts). */
const MAX_REPLAY = 20_000;
const ADMIN_PASSWORD = 'bench-admin-password';

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The server bundle as its own process on a fresh data directory. */
async function startServer(bundle: string, dataDir: string) {
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, bundle], {
    cwd: dataDir,
    env: {
      ...process.env,
      NOVBE_HOST: '127.0.0.1',
      NOVBE_PORT: String(port),
      NOVBE_DATA_DIR: dataDir,
      NOVBE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      NOVBE_LOG_LEVEL: process.env.BENCH_SERVER_LOG ?? 'warn',
      NOVBE_STREAMS_PER_PRINCIPAL: '1000',
    },
    stdio: ['ignore', process.env.BENCH_SERVER_LOG ? 'inherit' : 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      if (i > 400) throw new Error('the server did not answer /health');
    }
    await sleep(50);
  }
  return { child, url, port };
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\d+(?:\\.\\d+)?)$`, 'm').exec(text)?.[1] ?? NaN);
}

/** The server's V8 heap and the memory outside it (Buffers), MB, from its own metrics. */
async function heapMb(url: string) {
  const mb = async (name: string) => (await metric(url, name)) / 1048576;
  return {
    heapUsed: await mb('novbe_nodejs_heap_size_used_bytes'),
    heapTotal: await mb('novbe_nodejs_heap_size_total_bytes'),
    external: await mb('novbe_nodejs_external_memory_bytes'),
  };
}
const heapText = (h: Awaited<ReturnType<typeof heapMb>>) =>
  `V8 heap ${h.heapUsed.toFixed(1)} of ${h.heapTotal.toFixed(1)} MB, external ${h.external.toFixed(1)} MB`;

interface Phase {
  readonly since: string;
  readonly sinceSeq: number;
  readonly peakRssMb: number;
  readonly streamsOpenAtEnd: number;
  readonly dropped: number;
}

export async function main(argv: string[]): Promise<void> {
  const usage =
    'usage: npm run bench:streams -- [--json] [--streams N] [--tickets N] [--seconds N] [--server-bundle FILE]';
  const values = parseCommandLine(
    argv,
    {
      json: { type: 'boolean', default: false },
      streams: { type: 'string', default: '200' },
      tickets: { type: 'string', default: '3000' },
      seconds: { type: 'string', default: '15' },
      'server-bundle': { type: 'string' },
    },
    usage,
  );
  const streams = wholeNumber('streams', values.streams, usage);
  const tickets = wholeNumber('tickets', values.tickets, usage);
  const seconds = wholeNumber('seconds', values.seconds, usage);
  const bundle = values['server-bundle'] ?? (await buildServer());
  const dataDir = mkdtempSync(join(tmpdir(), 'novbe-bench-streams-'));
  const server = await startServer(bundle, dataDir);
  const pid = server.child.pid!;
  try {
    const center = await openCenter(server.url, ADMIN_PASSWORD);
    const dayStart = performance.now();
    let issued = 0;
    // In rounds of 100 tickets, each served before the next: the line stays a day's length.
    for (let round = 0; issued < tickets; round++) {
      const batch = Array.from({ length: Math.min(100, tickets - issued) }, (_, i) => round * 100 + i);
      await pool(batch, 8, async (i) => {
        await center.issue(i);
        issued++;
      });
      await center.serve();
    }
    const lastSeq = await metric(server.url, 'novbe_event_log_seq');
    const daySeconds = (performance.now() - dayStart) / 1000;
    const baseline = rssMb(pid);
    console.error(
      `day: ${issued} tickets served at ${center.operators} counters (${center.services} services), ` +
        `${lastSeq} events in ${daySeconds.toFixed(1)} s; server RSS ${baseline.toFixed(1)} MB ` +
        `(${heapText(await heapMb(server.url))})`,
    );

    const phases: Phase[] = [];
    for (const [since, sinceOf] of [
      ['0 (snapshot)', () => 0],
      ['mid-day', (last: number) => Math.floor(last / 2)],
      // The oldest `since` still replayed (at most 20,000 events; older gets a snapshot).
      ['the longest replay', (last: number) => Math.max(1, last - MAX_REPLAY + 100)],
    ] as const) {
      const sinceSeq = sinceOf(await metric(server.url, 'novbe_event_log_seq'));
      let peak = rssMb(pid);
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
      const droppedBefore = await metric(server.url, 'novbe_event_streams_dropped_total');
      const sockets: Socket[] = [];
      for (let i = 0; i < streams; i++) {
        sockets.push(neverReadingStream(server.port, center.admin.options.token!, sinceSeq));
        if (i % 20 === 19) await sleep(50);
      }
      // The center goes on, busier than most: 2 tickets issued a second, each operator serving
      // one citizen a second.
      const end = performance.now() + seconds * 1000;
      const stop = () => performance.now() > end;
      await Promise.all([
        (async () => {
          for (let i = 0; !stop(); i++) {
            await center.issue(i);
            await sleep(500);
          }
        })(),
        center.serve(stop, 1000),
      ]);
      clearInterval(sampler);
      const phase: Phase = {
        since,
        sinceSeq,
        peakRssMb: Math.max(peak, rssMb(pid)),
        streamsOpenAtEnd: await metric(server.url, 'novbe_event_stream_clients'),
        dropped: (await metric(server.url, 'novbe_event_streams_dropped_total')) - droppedBefore,
      };
      phases.push(phase);
      console.error(
        `since ${since}: ${streams} streams that never read → peak RSS ${phase.peakRssMb.toFixed(1)} MB; ` +
          `${phase.dropped} dropped as not reading, ${phase.streamsOpenAtEnd} open at the end ` +
          `(${heapText(await heapMb(server.url))})`,
      );
      for (const s of sockets) s.destroy();
      for (let i = 0; i < 100 && (await metric(server.url, 'novbe_event_stream_clients')) > 0; i++)
        await sleep(50);
      await sleep(2000);
    }
    const peak = Math.max(...phases.map((p) => p.peakRssMb));
    const met = peak <= TARGET_RSS_MB;
    console.error(
      `server RSS peak with ${streams} never-reading streams at any since: ${peak.toFixed(1)} MB ` +
        `(target ≤ ${TARGET_RSS_MB} MB: ${met ? 'met' : 'MISSED'})`,
    );
    if (values.json)
      console.log(
        JSON.stringify({
          streams,
          tickets: issued,
          events: lastSeq,
          baseline_rss_mb: Number(baseline.toFixed(1)),
          peak_rss_mb: Number(peak.toFixed(1)),
          target_rss_mb: TARGET_RSS_MB,
          met,
          phases: phases.map((p) => ({
            since: p.sinceSeq,
            peak_rss_mb: Number(p.peakRssMb.toFixed(1)),
            dropped: p.dropped,
            open_at_end: p.streamsOpenAtEnd,
          })),
        }),
      );
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
