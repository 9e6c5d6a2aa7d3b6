/** What a run measured, for people and, with --json, one JSON line for scripts (the last line). */
import type { Percentiles } from '@novbe/core';
import type { CallResult } from './counters';
import type { OpenLoopResult } from './load';
import type { StormResult } from './logins';
import type { Placement } from './processes';
import type { CpuShare } from './readers';

/**
 * The issue's targets: the server's own issue time; the issue latency against this machine's
 * loopback floor measured in the same run; call → every display, also during a login storm;
 * the server's resident memory.
 */
export const TARGETS = {
  issueServerP99Ms: 5,
  issueP99OverFloorP99: 1.25,
  callP99Ms: 50,
  callDuringLoginsP99Ms: 50,
  rssMb: 200,
};

export interface BenchRun {
  readonly options: {
    readonly json: boolean;
    readonly rate: number;
    readonly seconds: number;
    readonly displays: number;
    readonly calls: number;
    readonly callRate: number;
    readonly logins: number;
    readonly loginCalls: number;
    readonly kiosks: number;
    readonly warmupSeconds: number;
    readonly throughput: { readonly seconds: number; readonly concurrency: number };
  };
  readonly placement: Placement;
  readonly floor: Percentiles;
  /** Per CPU, ms, while the floor was measured. */
  readonly floorStolen: readonly number[];
  readonly disk: Percentiles;
  readonly issues: OpenLoopResult;
  readonly phase1Cpu: CpuShare;
  /** Per CPU, ms, during the issue phase. */
  readonly phase1Stolen: readonly number[];
  readonly projections: { readonly request: number; readonly afterAnswer: number };
  readonly calls: CallResult;
  readonly phase2Cpu: CpuShare;
  readonly duringLogins: CallResult;
  readonly storm: StormResult;
  readonly phase3Cpu: CpuShare;
  readonly fleet: {
    readonly mix: { all: number; both: number; hall1: number; hall2: number };
    readonly delivered: number;
    readonly misrouted: number;
    readonly closedEarly: number;
  };
  readonly throughput: {
    readonly perSecond: number;
    readonly latency: Percentiles;
    readonly server: Percentiles;
    readonly errors: number;
  };
  readonly throughputCpu: CpuShare;
  /** MB: after setup, peaks of each phase, with the displays connected, after the load, at the end. */
  readonly rss: {
    readonly idle: number;
    readonly phase1: number;
    readonly connected: number;
    readonly phase2: number;
    readonly storm: number;
    readonly afterLoad: number;
    readonly end: number;
  };
  readonly memory: { readonly heapUsed: number; readonly heapTotal: number; readonly external: number };
  readonly eventsInLog: number;
  readonly wallSeconds: number;
  /** 1-minute load average before and after. */
  readonly load: readonly [number, number];
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : '—');
const fmt = (s: Percentiles) => `p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}, max ${ms(s.max)}`;
const round = (x: number, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
const pct = (x: number) => `${Math.round(x * 100)} %`;
const mark = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
const cpu = (c: CpuShare) => `server ${pct(c.server)} of a core, benchmark process ${pct(c.bench)}`;
const stolen = (perCpu: readonly number[]) => perCpu.map((ms, i) => `CPU ${i} ${ms} ms`).join(', ');

/** Each target, met or not; a phase with errors or lost calls does not meet its target. */
export function verdicts(r: BenchRun) {
  const rssMb = Math.max(...Object.values(r.rss));
  const callsOk = (c: CallResult, measured: number) =>
    c.undelivered === 0 && c.errors === 0 && c.toAll.n >= measured && r.fleet.misrouted === 0;
  return {
    rssMb,
    issueP99LimitMs: TARGETS.issueP99OverFloorP99 * r.floor.p99,
    meets: {
      issue_server_p99_ms: r.issues.server.p99 <= TARGETS.issueServerP99Ms && r.issues.errors === 0,
      issue_p99_vs_floor: r.issues.latency.p99 <= TARGETS.issueP99OverFloorP99 * r.floor.p99,
      call_to_all_displays_p99_ms:
        r.calls.toAll.p99 <= TARGETS.callP99Ms && callsOk(r.calls, r.options.calls),
      call_to_display_p99_during_logins_ms:
        r.duringLogins.toAll.p99 <= TARGETS.callDuringLoginsP99Ms &&
        callsOk(r.duringLogins, r.options.loginCalls) &&
        r.storm.errors === 0,
      rss_mb: rssMb <= TARGETS.rssMb,
    },
  };
}

export function printReport(r: BenchRun): void {
  const out = console.log;
  const o = r.options;
  const v = verdicts(r);
  const { mix } = r.fleet;
  out(`Növbə center server benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
  out(
    'The server runs as its own process, built as deployed (real sockets, its database file in WAL, every answer after the WAL sync); ' +
      'kiosks, counters, staff and all display clients run in this benchmark process on the same machine' +
      (r.placement.serverCpu === null
        ? ', sharing its cores.'
        : ` — the server on CPU ${r.placement.serverCpu}, this process on CPU ${r.placement.benchCpu} (--share-cores to let them share).`),
  );
  out('');
  out(
    `Issue at ${o.rate}/s for ${o.seconds} s (open loop, ${o.kiosks} kiosks, 40 services, from the planned send time, ` +
      `after ${o.warmupSeconds} s of warm-up at the same rate, not counted):`,
  );
  out(`  ${fmt(r.issues.latency)} over ${r.issues.latency.n} issues; ${r.issues.errors} errors`);
  if (r.issues.firstError) out(`  first error: ${r.issues.firstError}`);
  out(
    `  from the actual send: ${fmt(r.issues.service)}; send lag of the load generator: p99 ${ms(r.issues.sendLag.p99)}`,
  );
  out(
    `  inside the server (server-timing: request received → answer sent, the WAL sync included): ${fmt(r.issues.server)}`,
  );
  out(`  fsync of a 4 KiB write on the data disk, measured before the server started: ${fmt(r.disk)}`);
  out(
    `  the machine's floor, a bare node:http server on the server's CPU asked through the same client at ${o.rate}/s: ${fmt(r.floor)}`,
  );
  out(
    `  CPU time the hypervisor took (steal): ${stolen(r.phase1Stolen)} in these ${o.seconds} s; ` +
      `${stolen(r.floorStolen)} while the floor was measured`,
  );
  out(
    `  wait-estimate projections: ${r.projections.request} inside a request, ${r.projections.afterAnswer} after the answers`,
  );
  out(`  CPU: ${cpu(r.phase1Cpu)}`);
  out(
    `  issue p99 inside the server ${ms(r.issues.server.p99)} — ${mark(v.meets.issue_server_p99_ms)} (≤ ${TARGETS.issueServerP99Ms} ms); ` +
      `end to end ${ms(r.issues.latency.p99)} against ${TARGETS.issueP99OverFloorP99} × the floor's p99 = ${ms(v.issueP99LimitMs)} — ` +
      mark(v.meets.issue_p99_vs_floor),
  );
  out('');
  const callLines = (c: CallResult) => [
    `  to the last display: ${fmt(c.toAll)} over ${c.toAll.n} calls` +
      (c.warmupCalls ? ` (${c.warmupCalls} warm-up calls not counted)` : ''),
    `  to the first display: ${fmt(c.toFirst)}`,
    `  undelivered ${c.undelivered}, call errors ${c.errors}${c.firstError ? ` (${c.firstError})` : ''}, empty calls ${c.empty}; ` +
      `issues beside: ${fmt(c.background.latency)} (inside the server p99 ${ms(c.background.server.p99)}), ${c.background.errors} errors`,
  ];
  out(
    `Call → received by every display that shows its hall (${o.displays} display clients in this process: ` +
      `${mix.all} all halls, ${mix.both} both halls listed, ${mix.hall1} hall 1, ${mix.hall2} hall 2; ` +
      `7 counters, ${o.callRate} calls/s with start and finish, kiosks issuing ${o.callRate}/s beside):`,
  );
  for (const line of callLines(r.calls)) out(line);
  out(
    `  CPU: ${cpu(r.phase2Cpu)}; call → all displays p99 ${ms(r.calls.toAll.p99)} — ` +
      `${mark(v.meets.call_to_all_displays_p99_ms)} (≤ ${TARGETS.callP99Ms} ms, ${o.displays} displays)`,
  );
  out('');
  out(
    `The same while ${o.logins} staff log in, each again as soon as answered (${o.logins} logins always in flight, ` +
      `each a scrypt hash on the server):`,
  );
  for (const line of callLines(r.duringLogins)) out(line);
  out(
    `  logins: ${r.storm.logins} in ${r.duringLogins.seconds.toFixed(1)} s, each answered after ${fmt(r.storm.latency)}; ` +
      `${r.storm.errors} errors${r.storm.firstError ? ` (${r.storm.firstError})` : ''}`,
  );
  out(
    `  CPU: ${cpu(r.phase3Cpu)}; call → all displays p99 during the logins ${ms(r.duringLogins.toAll.p99)} — ` +
      `${mark(v.meets.call_to_display_p99_during_logins_ms)} (≤ ${TARGETS.callDuringLoginsP99Ms} ms)`,
  );
  out(
    `  displays over both phases: ${r.fleet.delivered.toLocaleString('en')} events delivered, misrouted ${r.fleet.misrouted}, ` +
      `dropped ${r.fleet.closedEarly}`,
  );
  out('');
  out(
    `Throughput, closed loop, ${o.throughput.concurrency} concurrent issuers over ${o.kiosks} kiosks for ${o.throughput.seconds} s, no display connected: ` +
      `${Math.round(r.throughput.perSecond).toLocaleString('en')} issues/s (${fmt(r.throughput.latency)}; inside the server p50 ${ms(r.throughput.server.p50)}, ` +
      `p99 ${ms(r.throughput.server.p99)}; ${r.throughput.errors} errors; server CPU ${pct(r.throughputCpu.server)} of a core)`,
  );
  out('');
  const mb = (x: number) => `${x.toFixed(0)} MB`;
  out(
    `Server RSS: ${mb(r.rss.idle)} after setup, ${mb(r.rss.phase1)} peak while issuing, ${mb(r.rss.connected)} with ${o.displays} displays connected, ` +
      `${mb(r.rss.phase2)} peak under calls, ${mb(r.rss.storm)} peak during the logins, ${mb(r.rss.afterLoad)} after them, ${mb(r.rss.end)} at the end — ` +
      `max ${mb(v.rssMb)} over the run — ${mark(v.meets.rss_mb)} (≤ ${TARGETS.rssMb} MB)`,
  );
  out(
    `  of which, by the server's /metrics at the end: V8 heap ${mb(r.memory.heapUsed)} used of ${mb(r.memory.heapTotal)}, ` +
      `external ${mb(r.memory.external)} (the rest is code, native libraries, the checkpoint and password threads)`,
  );
  out(
    `Events in the log at the end: ${r.eventsInLog.toLocaleString('en')}; whole run ${r.wallSeconds.toFixed(0)} s; ` +
      `1-minute load average ${r.load[0].toFixed(2)} before, ${r.load[1].toFixed(2)} after ` +
      `(more than the benchmark's own share means other work shared the 2 cores).`,
  );
  if (o.json) out(JSON.stringify(jsonLine(r)));
}

/** The figures for scripts: the issue's targets first, then what explains them. */
export function jsonLine(r: BenchRun) {
  const v = verdicts(r);
  return {
    issue_p50_ms: round(r.issues.latency.p50),
    issue_p95_ms: round(r.issues.latency.p95),
    issue_p99_ms: round(r.issues.latency.p99),
    issue_server_p50_ms: round(r.issues.server.p50),
    issue_server_p99_ms: round(r.issues.server.p99),
    loopback_floor_p99_ms: round(r.floor.p99),
    /** issue_p99_ms may be up to this: 1.25 × loopback_floor_p99_ms of the same run. */
    issue_p99_limit_ms: round(v.issueP99LimitMs),
    issue_p99_over_floor_p99: round(r.issues.latency.p99 / r.floor.p99, 3),
    issue_phase_steal_ms: Math.max(0, ...r.phase1Stolen),
    issue_max_ms: round(r.issues.latency.max),
    issue_errors: r.issues.errors,
    call_to_all_displays_p50_ms: round(r.calls.toAll.p50),
    call_to_all_displays_p95_ms: round(r.calls.toAll.p95),
    call_to_all_displays_p99_ms: round(r.calls.toAll.p99),
    call_to_all_displays_max_ms: round(r.calls.toAll.max),
    calls: r.calls.toAll.n,
    undelivered: r.calls.undelivered + r.duringLogins.undelivered,
    call_to_display_p50_during_logins_ms: round(r.duringLogins.toAll.p50),
    call_to_display_p99_during_logins_ms: round(r.duringLogins.toAll.p99),
    call_to_display_max_during_logins_ms: round(r.duringLogins.toAll.max),
    calls_during_logins: r.duringLogins.toAll.n,
    logins_in_flight: r.options.logins,
    logins_during_calls: r.storm.logins,
    login_p99_ms: round(r.storm.latency.p99, 0),
    login_errors: r.storm.errors,
    throughput_issues_per_s: Math.round(r.throughput.perSecond),
    rss_mb: round(v.rssMb, 1),
    displays: r.options.displays,
    rate: r.options.rate,
    server_cpu: r.placement.serverCpu,
    targets: {
      issue_server_p99_ms: TARGETS.issueServerP99Ms,
      issue_p99_over_floor_p99: TARGETS.issueP99OverFloorP99,
      call_to_all_displays_p99_ms: TARGETS.callP99Ms,
      call_to_display_p99_during_logins_ms: TARGETS.callDuringLoginsP99Ms,
      rss_mb: TARGETS.rssMb,
    },
    meets: v.meets,
  };
}
