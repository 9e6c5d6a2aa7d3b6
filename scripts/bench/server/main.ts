/**
 * The center server under load (`npm run bench:server`; server-launch.ts builds and runs this):
 * the server process as deployed on loopback, driven by simulated kiosks, counters, staff and
 * hall screens. Phases: the machine's floor; issues at a fixed rate; call → every display that
 * shows it; the same during a storm of staff logins; closed-loop issue throughput; the server's
 * resident memory throughout. docs/benchmarks.md says what each figure means.
 */
import { loadavg } from 'node:os';
import type { Percentiles } from '@novbe/core';
import { lowerHelperThreads } from '../../../apps/server/src/tuning';
import { centerClient, lastSeq, logIn, pairDevices } from './center-api';
import { measureCalls, openCounters, OPERATORS } from './counters';
import { DisplayFleet, hallsOfDisplay } from './displays';
import { diskFsync, loopbackFloor } from './floor';
import { keepAlive } from './http';
import { closedLoop, issueAtRate } from './load';
import { centerWith, givePasswords, loginStorm, stormStaff } from './logins';
import { placeProcesses, startServer } from './processes';
import { cpuShare, serverMemory, serverProjections, stealSince } from './readers';
import { printReport, type BenchRun } from './report';
import { parseCommandLine, usageError } from '../../lib/args';

const ADMIN_PASSWORD = 'bench-admin-password';
const KIOSKS = 4;
/** Seconds of issues at the measured rate before the measurement, while the JIT settles. */
const WARMUP_SECONDS = 5;
/** Call cycles per counter before the measured calls, while the JIT settles. */
const WARMUP_CYCLES = 2;
const THROUGHPUT = { seconds: 5, concurrency: 16 };
const progress = (line: string) => process.stderr.write(`· ${line}\n`);

function options(argv: string[]) {
  const usage =
    'usage: npm run bench:server -- [--json] [--rate N] [--seconds N] [--displays N] [--calls N] [--call-rate N] [--logins N] [--login-calls N] [--share-cores]';
  const values = parseCommandLine(
    argv,
    {
      json: { type: 'boolean', default: false },
      rate: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '20' },
      displays: { type: 'string', default: '500' },
      calls: { type: 'string', default: '300' },
      'call-rate': { type: 'string', default: '10' },
      logins: { type: 'string', default: '50' },
      'login-calls': { type: 'string', default: '200' },
      'share-cores': { type: 'boolean', default: false },
      // Given by server-launch.ts, which builds it.
      'server-bundle': { type: 'string' },
    },
    usage,
  );
  if (!values['server-bundle']) throw new Error('run through `npm run bench:server`: it builds the server');
  const numbers = {
    rate: Number(values.rate),
    seconds: Number(values.seconds),
    displays: Number(values.displays),
    calls: Number(values.calls),
    'call-rate': Number(values['call-rate']),
    logins: Number(values.logins),
    'login-calls': Number(values['login-calls']),
  };
  for (const [name, v] of Object.entries(numbers))
    if (!(v > 0))
      usageError(
        `--${name} must be a positive number, got "${String(values[name as keyof typeof values])}"`,
        usage,
      );
  return {
    ...numbers,
    callRate: numbers['call-rate'],
    loginCalls: numbers['login-calls'],
    json: values.json,
    shareCores: values['share-cores'],
    bundle: values['server-bundle'],
  };
}

export async function main(argv: string[]): Promise<void> {
  const o = options(argv);
  const started = performance.now();
  const loadBefore = loadavg()[0]!;
  const placement = placeProcesses(o.shareCores);
  // The kiosks and displays answer first here too, as the server does for itself.
  await lowerHelperThreads();

  progress(`loopback floor: a bare node:http server, ${o.rate} requests/s for 10 s…`);
  const floorSteal = stealSince();
  const floor = await loopbackFloor(placement, o.rate, Math.round(o.rate * 10));
  const floorStolen = floorSteal();

  progress(
    `starting the center server (node apps/server/dist/novbe-server.mjs` +
      (placement.serverCpu === null
        ? ')…'
        : ` on CPU ${placement.serverCpu}; this process on CPU ${placement.benchCpu})…`),
  );
  const storm = stormStaff(o.logins);
  let disk: Percentiles | undefined;
  const server = await startServer({
    bundle: o.bundle,
    placement,
    center: centerWith(storm),
    adminPassword: ADMIN_PASSWORD,
    // The data disk's fsync, before the server starts: each answer waits for a WAL sync.
    prepare: (dataDir) => (disk = diskFsync(dataDir)),
  });
  const fleet = new DisplayFleet(
    `ws://127.0.0.1:${server.port}/v1/events`,
    Array.from({ length: o.displays }, (_, i) => hallsOfDisplay(i)),
  );
  try {
    const probe = server.probe;
    const admin = await logIn(server.url, 'admin', ADMIN_PASSWORD);

    progress(
      `pairing ${KIOSKS} kiosks and ${o.displays} displays, opening ${OPERATORS.length} counters, ` +
        `passwords for ${storm.length} more staff…`,
    );
    const kioskTokens = await pairDevices(
      admin,
      Array.from({ length: KIOSKS }, (_, i) => ({ role: 'kiosk' as const, name: `Bench kiosk ${i + 1}` })),
    );
    // Kiosks keep their connections open, as the kiosk agent's fetch does.
    const agent = keepAlive();
    const kiosks = kioskTokens.map((token) => centerClient(server.url, { token, agent }));
    const displayTokens = await pairDevices(
      admin,
      fleet.halls.map((halls, i) => ({
        role: 'display' as const,
        name: `Bench display ${i + 1}`,
        ...(halls ? { hallIds: [...halls] } : {}),
      })),
    );
    const operators = await openCounters(admin);
    await givePasswords(admin, storm);
    const rssIdleMb = probe.takePeakMb();

    // ── Phase 1: issue latency at a fixed rate ──
    progress(`warm-up: ${o.rate} issues/s for ${WARMUP_SECONDS} s (not counted)…`);
    const warmUp = await issueAtRate(kiosks, o.rate, (i) => i >= o.rate * WARMUP_SECONDS);
    if (warmUp.errors) throw new Error(`warm-up: ${warmUp.errors} issues failed: ${warmUp.firstError}`);
    progress(`phase 1: ${o.rate} issues/s for ${o.seconds} s, open loop over ${KIOSKS} kiosks…`);
    const total = Math.round(o.rate * o.seconds);
    let cpu = cpuShare(probe);
    const projections0 = await serverProjections(server.url);
    const steal = stealSince();
    const issues = await issueAtRate(kiosks, o.rate, (i) => i >= total);
    const phase1Cpu = cpu();
    const phase1Stolen = steal();
    server.assertAlive();
    const rssPhase1Mb = probe.takePeakMb();
    const projections1 = await serverProjections(server.url);

    // ── Phase 2: call → every display ──
    progress(`phase 2: connecting ${o.displays} display clients…`);
    await fleet.connect(displayTokens);
    const rssConnectedMb = probe.rssMb();
    probe.takePeakMb();
    progress(
      `phase 2: ${OPERATORS.length} counters calling ${o.callRate}/s until ${o.calls} measured calls, ` +
        `kiosks issuing ${o.callRate}/s beside…`,
    );
    cpu = cpuShare(probe);
    const calls = await measureCalls({
      operators,
      kiosks,
      fleet,
      callRate: o.callRate,
      measuredCalls: o.calls,
      warmupCycles: WARMUP_CYCLES,
      issueOffset: 100_000,
    });
    const phase2Cpu = cpu();
    const rssPhase2PeakMb = probe.takePeakMb();
    server.assertAlive();

    // ── Phase 3: the same while staff log in ──
    progress(
      `phase 3: ${storm.length} staff logging in again and again, ${OPERATORS.length} counters calling ` +
        `${o.callRate}/s until ${o.loginCalls} measured calls…`,
    );
    cpu = cpuShare(probe);
    const logins = loginStorm(server.url, storm);
    const duringLogins = await measureCalls({
      operators,
      kiosks,
      fleet,
      callRate: o.callRate,
      measuredCalls: o.loginCalls,
      warmupCycles: 0,
      issueOffset: 150_000,
    });
    const stormResult = await logins.stop();
    const phase3Cpu = cpu();
    const rssStormPeakMb = probe.takePeakMb();
    const rssAfterLoadMb = probe.rssMb();
    server.assertAlive();
    const fleetCounts = {
      mix: fleet.mix(),
      delivered: fleet.delivered,
      misrouted: fleet.misrouted,
      closedEarly: fleet.closedEarly,
    };
    fleet.close();

    // ── Throughput: closed loop, displays disconnected ──
    progress(`throughput: ${THROUGHPUT.concurrency} concurrent issuers for ${THROUGHPUT.seconds} s…`);
    cpu = cpuShare(probe);
    const throughput = await closedLoop(kiosks, THROUGHPUT.seconds, THROUGHPUT.concurrency);
    const throughputCpu = cpu();
    server.assertAlive();
    const rssEndMb = probe.rssMb();

    const run: BenchRun = {
      options: { ...o, kiosks: KIOSKS, warmupSeconds: WARMUP_SECONDS, throughput: THROUGHPUT },
      placement,
      floor,
      floorStolen,
      disk: disk!,
      issues,
      phase1Cpu,
      phase1Stolen,
      projections: {
        request: projections1.request - projections0.request,
        afterAnswer: projections1.afterAnswer - projections0.afterAnswer,
      },
      calls,
      phase2Cpu,
      duringLogins,
      storm: stormResult,
      phase3Cpu,
      fleet: fleetCounts,
      throughput,
      throughputCpu,
      rss: {
        idle: rssIdleMb,
        phase1: rssPhase1Mb,
        connected: rssConnectedMb,
        phase2: rssPhase2PeakMb,
        storm: rssStormPeakMb,
        afterLoad: rssAfterLoadMb,
        end: rssEndMb,
      },
      memory: await serverMemory(server.url),
      eventsInLog: await lastSeq(admin),
      wallSeconds: (performance.now() - started) / 1000,
      load: [loadBefore, loadavg()[0]!],
    };
    printReport(run);
  } finally {
    fleet.close();
    await server.stop();
  }
}
