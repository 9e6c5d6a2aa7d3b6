import type { DayReport } from './report';

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const num = (s: string | number, n: number) => String(s).padStart(n);

/** A day report as a plain-text table for people. */
export function formatDayReport(r: DayReport): string {
  const lines = [
    `Scenario ${r.scenario} (seed ${r.seed}): ${r.tickets} tickets, ${r.served} served, ${r.noShows} no-shows, ${r.transfers} transfers`,
    `Wait to first call: mean ${r.meanWaitMin} min, p90 ${r.p90WaitMin} min, max ${r.maxWaitMin} min; last call ${r.lastCallAfterCloseMin} min after closing`,
    '',
    `${pad('service', 16)}${num('tickets', 8)}${num('mean min', 10)}${num('p90 min', 9)}`,
    ...r.perService.map(
      (s) => `${pad(s.code, 16)}${num(s.tickets, 8)}${num(s.meanWaitMin, 10)}${num(s.p90WaitMin, 9)}`,
    ),
    '',
    `Counter utilisation: mean ${(r.meanUtilisation * 100).toFixed(1)} %`,
    r.counters.map((c) => `#${c.number} ${(c.utilisation * 100).toFixed(0)}%`).join('  '),
    '',
    `Wait estimate MAE: ours ${r.estimate.maeMin} min, naive ${r.estimate.naiveMaeMin} min, ratio ${r.estimate.ratio} ` +
      `(${r.estimate.samples} tickets; ${(r.estimate.coverage * 100).toFixed(1)} % of actual waits inside our range)`,
    `Dispatch: ${r.dispatchDecisions} decisions, ${r.dispatchPerSecond.toLocaleString('en')} decisions/s; day simulated in ${r.wallMs} ms`,
  ];
  return lines.join('\n');
}
