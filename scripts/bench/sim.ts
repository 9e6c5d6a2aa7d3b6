import { parseArgs } from 'node:util';
import {
  CenterQueue,
  formatTicketNumber,
  parseCenter,
  percentiles,
  PriorityClass,
  type Center,
  type CenterInput,
} from '@novbe/core';
import { exampleCenterInput } from '@novbe/core/fixtures';
import {
  DEFAULT_SCENARIO,
  formatDayReport,
  Random,
  scenario,
  SCENARIOS,
  simulateDay,
  summarise,
  type DayReport,
} from '@novbe/sim';

const TARGETS = { dispatchMedianUs: 50, simDayS: 2, maeRatio: 0.7 };

/** The example center's services, served by `counters` desks of 2–4 services each. */
function bigCenter(counters: number): Center {
  const input = structuredClone(exampleCenterInput) as CenterInput & { counters: unknown[] };
  const agencies = input.agencies.map((a) => input.services.filter((s) => s.agencyId === a.id));
  input.counters = Array.from({ length: counters }, (_, i) => {
    const services = agencies[i % agencies.length]!;
    const mine = services.slice(0, 2 + (i % 3));
    const rotated = mine.map((_, k) => mine[(k + i) % mine.length]!);
    return {
      id: `counter-${i + 1}`,
      number: i + 1,
      hallId: rotated[0]!.hallId,
      services: rotated.map((s, k) => ({ serviceId: s.id, weight: Math.max(1, 5 - 2 * k) })),
    };
  });
  return parseCenter(input);
}

/**
 * Median time of one `callNext` with `waiting` tickets in the queue and `counters` open
 * counters. Each call is followed (untimed) by finishing the ticket and issuing a new one, so
 * the queue stays at the same size throughout.
 */
function benchDispatch(waiting: number, counters: number, calls: number, seed: number) {
  const center = bigCenter(counters);
  const queue = new CenterQueue(center);
  const rng = new Random(seed);
  const services = center.services;
  let now = Date.parse('2026-11-23T11:00:00+04:00');
  let n = 0;
  const issue = (at: number, service = rng.pick(services)) => {
    const r = rng.next();
    const priority =
      r < 0.85 ? PriorityClass.Regular : r < 0.95 ? PriorityClass.Priority : PriorityClass.Appointment;
    n++;
    queue.issue({
      id: `b${n}`,
      number: formatTicketNumber(service.prefix, n),
      day: '2026-11-23',
      serviceId: service.id,
      language: 'az',
      issuedAt: at,
      priority,
      appointmentAt: priority === PriorityClass.Appointment ? at + rng.uniform(-20, 40) * 60_000 : null,
    });
  };
  for (let i = 0; i < waiting; i++) issue(now - rng.uniform(0, 80) * 60_000);
  for (const c of center.counters) queue.openCounter(c.id, null, now);
  const samples = new Float64Array(calls);
  let found = 0;
  for (let i = 0; i < calls; i++) {
    const counter = center.counters[i % counters]!.id;
    now += 100;
    const t0 = process.hrtime.bigint();
    const call = queue.callNext(counter, now);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
    if (call) {
      found++;
      queue.start(counter, now);
      queue.finish(counter, now);
      // A new ticket of the same service keeps every line as long as it was.
      issue(
        now,
        center.services.find((s) => s.id === call.ticket.serviceId),
      );
    }
  }
  const { p50, p99 } = percentiles(Array.from(samples));
  return {
    medianUs: p50,
    p99Us: p99,
    calls,
    found,
    waitingAtEnd: queue.waiting.size,
  };
}

function median(xs: number[]): number {
  return percentiles(xs).p50;
}

const mark = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      scenario: { type: 'string', multiple: true },
      seed: { type: 'string' },
      tickets: { type: 'string' },
      runs: { type: 'string', default: '3' },
    },
  });
  const names = values.scenario?.flatMap((s) => s.split(',')) ?? Object.keys(SCENARIOS);
  const overrides = {
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    ...(values.tickets ? { totalTickets: Number(values.tickets) } : {}),
  };
  const runs = Math.max(1, Number(values.runs));

  console.log(`Növbə simulation benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
  console.log('');
  const dispatch = benchDispatch(2000, 100, 20_000, 1);
  console.log(
    `Dispatch, 2,000 waiting tickets, 100 open counters: median ${dispatch.medianUs.toFixed(1)} µs, ` +
      `p99 ${dispatch.p99Us.toFixed(1)} µs over ${dispatch.calls} calls (${dispatch.found} found a ticket; ` +
      `${dispatch.waitingAtEnd} waiting at the end) — ${mark(dispatch.medianUs <= TARGETS.dispatchMedianUs)} (≤ ${TARGETS.dispatchMedianUs} µs)`,
  );

  const reports: DayReport[] = [];
  const dayTimes: Record<string, number> = {};
  for (const name of names) {
    const s = scenario(name, overrides);
    const days = Array.from({ length: runs }, () => summarise(simulateDay(s)));
    dayTimes[name] = median(days.map((d) => d.wallMs)) / 1000;
    const report = days[0]!;
    reports.push(report);
    console.log('');
    console.log(`── ${name}: ${s.description}`);
    console.log(formatDayReport(report));
    console.log(
      `Simulated day: median ${dayTimes[name]!.toFixed(3)} s over ${runs} runs — ${mark(dayTimes[name]! <= TARGETS.simDayS)} (≤ ${TARGETS.simDayS} s)`,
    );
  }

  console.log('');
  console.log('Summary');
  for (const r of reports) {
    console.log(
      `  ${r.scenario.padEnd(14)} MAE ours ${String(r.estimate.maeMin).padStart(6)} min, naive ${String(r.estimate.naiveMaeMin).padStart(6)} min, ` +
        `ratio ${r.estimate.ratio.toFixed(3)} — ${mark(r.estimate.ratio <= TARGETS.maeRatio)} (≤ ${TARGETS.maeRatio}); ` +
        `day ${dayTimes[r.scenario]!.toFixed(3)} s; dispatch ${r.dispatchPerSecond.toLocaleString('en')}/s`,
    );
  }

  if (values.json) {
    const main = reports.find((r) => r.scenario === DEFAULT_SCENARIO) ?? reports[0]!;
    console.log(
      JSON.stringify({
        dispatch_median_us: Number(dispatch.medianUs.toFixed(2)),
        dispatch_p99_us: Number(dispatch.p99Us.toFixed(2)),
        sim_day_s: Number(dayTimes[main.scenario]!.toFixed(3)),
        ewt_mae_ratio: main.estimate.ratio,
        scenario: main.scenario,
        decisions_per_s: main.dispatchPerSecond,
        by_scenario: Object.fromEntries(
          reports.map((r) => [
            r.scenario,
            {
              ewt_mae_ratio: r.estimate.ratio,
              mae_min: r.estimate.maeMin,
              naive_mae_min: r.estimate.naiveMaeMin,
              range_coverage: r.estimate.coverage,
              sim_day_s: Number(dayTimes[r.scenario]!.toFixed(3)),
              mean_wait_min: r.meanWaitMin,
              p90_wait_min: r.p90WaitMin,
              utilisation: r.meanUtilisation,
            },
          ]),
        ),
      }),
    );
  }
}
