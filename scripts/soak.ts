/**
 * `npm run soak [-- --cases N --cycles N --seed N]`: the long runs of the standing checks
 * (test/fuzz/, test/crash/) against real server processes: ≥ 10,000 fuzzed requests over every
 * route of the contract, then ≥ 100 kill -9 cycles under load. A fresh seed each run (printed;
 * `--seed` replays one). Prints what it found for people, a summary line, and last one JSON
 * line for scripts; exits 1 if anything failed.
 */
import { percentiles } from '@novbe/core';
import { randomInt } from 'node:crypto';
import { runCrashLoop } from '../test/crash/crash-loop';
import { runFuzz } from '../test/fuzz/campaign';
import { killAllStarted } from '../test/server-process';
import { parseCommandLine, wholeNumber } from './lib/args';

/** The issue's targets: at least this many fuzzed requests and kill -9 cycles. */
const TARGETS = { fuzzedRequests: 10_000, crashCycles: 100 };

const USAGE = 'usage: npm run soak -- [--cases N] [--cycles N] [--seed N] [--concurrency N]';
const values = parseCommandLine(
  process.argv.slice(2),
  {
    // About 5% of the cases are event-stream hellos: enough cases for 10,000 HTTP requests besides.
    cases: { type: 'string', default: String(Math.ceil(TARGETS.fuzzedRequests * 1.06)) },
    cycles: { type: 'string', default: String(TARGETS.crashCycles) },
    seed: { type: 'string' },
    concurrency: { type: 'string', default: '4' },
  },
  USAGE,
);
const cases = wholeNumber('cases', values.cases, USAGE);
const cycles = wholeNumber('cycles', values.cycles, USAGE, 0);
const concurrency = wholeNumber('concurrency', values.concurrency, USAGE);
const seed = wholeNumber(
  'seed',
  values.seed ?? process.env.NOVBE_SOAK_SEED ?? String(randomInt(2 ** 31)),
  USAGE,
  0,
);
const count = (n: number) => n.toLocaleString('en');
const show = (lines: readonly string[], max = 20) => {
  for (const line of lines.slice(0, max)) console.log(`    ${line.replaceAll('\n', '\n    ')}`);
  if (lines.length > max) console.log(`    … and ${lines.length - max} more`);
};

// Ctrl-C still ends the servers this run started (their data directories are temporary).
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void killAllStarted().then(() => process.exit(130)));

const started = Date.now();
console.log(`soak: seed ${seed}`);
console.log(`fuzz: ${count(cases)} cases over every route of the contract`);
const fuzz = await runFuzz({
  seed,
  cases: cases,
  concurrency: concurrency,
  log: console.log,
});
console.log(
  `fuzz: ${count(fuzz.httpRequests)} HTTP requests and ${count(fuzz.streams)} event streams in ` +
    `${(fuzz.durationMs / 1000).toFixed(0)} s; ${fuzz.serverErrors} answers ≥ 500; ` +
    `${fuzz.failures.length} failures; restart ${fuzz.afterwards.length ? 'FAILED' : 'clean'}`,
);
console.log(
  `  statuses: ${Object.entries(fuzz.statuses)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ')}`,
);
const neverOk = Object.entries(fuzz.routes)
  .filter(([, byStatus]) => !Object.keys(byStatus).some((s) => s.startsWith('2')))
  .map(([route]) => route);
console.log(`  routes never answered 2xx: ${neverOk.length ? neverOk.join(', ') : 'none'}`);
show(
  fuzz.failures.map(
    (f) =>
      `#${f.index} ${f.problem}\n  ${f.request}${f.serverLog ? `\n  server: ${f.serverLog.slice(0, 600)}` : ''}`,
  ),
);
show(fuzz.afterwards);

console.log(`crash loop: ${values.cycles} kill -9 cycles under load`);
// Every tenth cycle, and any that went wrong.
const crash = await runCrashLoop({
  seed,
  cycles: cycles,
  log: (line) => (/cycle \d*0:|[1-9]\d* (lost|undone)/.test(line) ? console.log(line) : undefined),
});
const lost = crash.lost.length;
console.log(
  `crash loop: ${crash.cycles} cycles in ${(crash.durationMs / 1000).toFixed(0)} s; ` +
    `${count(crash.acknowledged)} tickets acknowledged (${count(crash.offlineAcknowledged)} offline), ` +
    `${count(crash.commands)} counter commands; ${lost} lost, ${crash.undone.length} undone, ` +
    `${crash.problems.length} other problems`,
);
show([...crash.lost, ...crash.undone, ...crash.problems]);

const restart = percentiles(crash.restartMs);
const durationS = Math.round((Date.now() - started) / 1000);
const fuzzedRequests = fuzz.httpRequests + fuzz.streams;
const ok =
  fuzzedRequests >= cases * 0.9 &&
  fuzz.serverErrors === 0 &&
  fuzz.failures.length === 0 &&
  fuzz.afterwards.length === 0 &&
  crash.cycles === cycles &&
  lost === 0 &&
  crash.undone.length === 0 &&
  crash.problems.length === 0;
const meets =
  ok && fuzz.httpRequests >= TARGETS.fuzzedRequests && crash.cycles >= TARGETS.crashCycles
    ? ''
    : ' (below the targets)';
console.log(
  `soak ${ok ? 'passed' : 'FAILED'}${ok ? meets : ''}: ${count(fuzz.httpRequests)} fuzzed HTTP requests ` +
    `(+ ${count(fuzz.streams)} event streams), ` +
    `${fuzz.serverErrors} ≥ 500; ${crash.cycles} kill -9 cycles, ${count(crash.acknowledged)} tickets acknowledged, ` +
    `${lost} lost; ${Math.floor(durationS / 60)} min ${durationS % 60} s (seed ${seed})`,
);
console.log(
  JSON.stringify({
    ok,
    seed,
    fuzzed_requests: fuzzedRequests,
    fuzz_http_requests: fuzz.httpRequests,
    fuzz_streams: fuzz.streams,
    fuzz_answers_5xx: fuzz.serverErrors,
    fuzz_failures: fuzz.failures.length,
    fuzz_restart_clean: fuzz.afterwards.length === 0,
    fuzz_s: Math.round(fuzz.durationMs / 1000),
    crash_cycles: crash.cycles,
    tickets_acknowledged: crash.acknowledged,
    tickets_acknowledged_offline: crash.offlineAcknowledged,
    counter_commands_acknowledged: crash.commands,
    tickets_lost: lost,
    commands_undone: crash.undone.length,
    crash_problems: crash.problems.length,
    restart_p50_ms: restart.p50,
    restart_max_ms: restart.max,
    crash_s: Math.round(crash.durationMs / 1000),
    duration_s: durationS,
    targets: {
      fuzzed_requests: TARGETS.fuzzedRequests,
      answers_5xx: 0,
      crash_cycles: TARGETS.crashCycles,
      tickets_lost: 0,
    },
  }),
);
process.exit(ok ? 0 : 1);
