import { percentile } from '@novbe/core';
import type { SimulationResult } from './simulate';

const MIN = 60_000;

export interface ServiceFigures {
  readonly serviceId: string;
  readonly code: string;
  readonly tickets: number;
  readonly meanWaitMin: number;
  readonly p90WaitMin: number;
}

export interface DayReport {
  readonly scenario: string;
  readonly seed: number;
  readonly tickets: number;
  readonly served: number;
  readonly noShows: number;
  readonly transfers: number;
  readonly meanWaitMin: number;
  readonly p90WaitMin: number;
  readonly maxWaitMin: number;
  readonly perService: readonly ServiceFigures[];
  readonly counters: readonly { number: number; served: number; utilisation: number }[];
  readonly meanUtilisation: number;
  /** Minutes after closing time the last citizen was called. */
  readonly lastCallAfterCloseMin: number;
  readonly estimate: {
    readonly maeMin: number;
    readonly naiveMaeMin: number;
    /** Our MAE ÷ the naive estimator's MAE: below 0.7 is the target. */
    readonly ratio: number;
    /** Share of actual waits inside our range. */
    readonly coverage: number;
    readonly samples: number;
  };
  readonly dispatchDecisions: number;
  readonly dispatchPerSecond: number;
  readonly wallMs: number;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** Figures of a simulated day: waits, utilisation, estimator accuracy, dispatch speed. */
export function summarise(result: SimulationResult): DayReport {
  const { scenario: s, tickets } = result;
  const called = tickets.filter((t) => t.firstCalledAt !== null);
  const waits = (list: typeof called) =>
    list.map((t) => (t.firstCalledAt! - t.issuedAt) / MIN).sort((a, b) => a - b);
  const all = waits(called);
  const perService = s.center.services.map((service) => {
    const w = waits(called.filter((t) => t.serviceId === service.id));
    return {
      serviceId: service.id,
      code: service.code,
      tickets: w.length,
      meanWaitMin: round(mean(w)),
      p90WaitMin: round(percentile(w, 0.9) ?? 0),
    };
  });

  const estimated = called.filter((t) => t.estimate !== null);
  const actual = (t: (typeof called)[number]) => t.firstCalledAt! - t.issuedAt;
  const ours = mean(estimated.map((t) => Math.abs(t.estimate!.expectedMs - actual(t))));
  const naive = mean(estimated.map((t) => Math.abs(t.naiveMs - actual(t))));
  const inRange = estimated.filter(
    (t) => actual(t) >= t.estimate!.lowMs && actual(t) <= t.estimate!.highMs,
  ).length;

  const counters = result.counters
    .filter((c) => !c.closedAllDay)
    .map((c) => {
      const available = Math.max(result.closesAt, c.lastEndAt) - result.opensAt - c.breakMs;
      return { number: c.number, served: c.served, utilisation: round(c.busyMs / available, 3) };
    });
  const lastCall = Math.max(...called.map((t) => t.firstCalledAt!));

  return {
    scenario: s.name,
    seed: s.seed,
    tickets: tickets.length,
    served: tickets.filter((t) => t.outcome === 'done').length,
    noShows: tickets.filter((t) => t.outcome === 'no-show').length,
    transfers: result.transfers,
    meanWaitMin: round(mean(all)),
    p90WaitMin: round(percentile(all, 0.9) ?? 0),
    maxWaitMin: round(all[all.length - 1] ?? 0),
    perService,
    counters,
    meanUtilisation: round(mean(counters.map((c) => c.utilisation)), 3),
    lastCallAfterCloseMin: round((lastCall - result.closesAt) / MIN, 1),
    estimate: {
      maeMin: round(ours / MIN),
      naiveMaeMin: round(naive / MIN),
      ratio: round(naive ? ours / naive : 0, 3),
      coverage: round(estimated.length ? inRange / estimated.length : 0, 3),
      samples: estimated.length,
    },
    dispatchDecisions: result.dispatch.decisions,
    dispatchPerSecond: Math.round(result.dispatch.decisions / (result.dispatch.totalNs / 1e9)),
    wallMs: round(result.wallMs, 1),
  };
}
