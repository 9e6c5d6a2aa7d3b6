/**
 * Counters at work: operators log in and open their counters, then call, start and finish at a
 * fixed rate while kiosks issue beside; each call is timed to the displays that show its hall.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { percentiles, type Percentiles } from '@novbe/core';
import { exampleCenter } from '@novbe/core/fixtures';
import { counterCommand, logIn, setPassword, type CenterClient } from './center-api';
import type { DisplayFleet } from './displays';
import { issueAtRate, type OpenLoopResult } from './load';

/** Operators of the example center and the counter each opens: 4 in hall 1, 3 in hall 2. */
export const OPERATORS = [
  ['staff-aysel', 'aysel', 'counter-1'],
  ['staff-rauf', 'rauf', 'counter-4'],
  ['staff-leyla', 'leyla', 'counter-6'],
  ['staff-nigar', 'nigar', 'counter-17'],
  ['staff-tural', 'tural', 'counter-19'],
  ['staff-gunel', 'gunel', 'counter-22'],
  ['staff-orxan', 'orxan', 'counter-29'],
] as const;

export interface Operator {
  readonly client: CenterClient;
  readonly counterId: string;
  readonly hallId: string;
}

/** Each operator gets a password from the admin, logs in and opens a counter. */
export function openCounters(admin: CenterClient): Promise<Operator[]> {
  return Promise.all(
    OPERATORS.map(async ([staffId, login, counterId]) => {
      const password = `${login}-bench-password`;
      await setPassword(admin, staffId, password);
      const client = await logIn(admin.options.baseUrl, login, password);
      await counterCommand(client, counterId, { action: 'open' });
      return { client, counterId, hallId: exampleCenter.counters.find((c) => c.id === counterId)!.hallId };
    }),
  );
}

interface Call {
  readonly hallId: string;
  readonly t0: number;
  readonly ticketId: string;
  readonly warmup: boolean;
}

/**
 * Operators work in cycles, `period` ms apart per counter (staggered): finish the citizen at
 * the desk, then call the next one; start serving a moment after the call. `t0` is taken just
 * before the call's POST is sent. The first `warmupCycles` calls of each counter are not counted.
 */
async function runCounters(
  operators: readonly Operator[],
  callsPerSecond: number,
  measuredCalls: number,
  warmupCycles: number,
) {
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
          if (holding) await counterCommand(client, counterId, { action: 'finish' });
          holding = false;
          const t0 = performance.now();
          const r = await counterCommand(client, counterId, { action: 'call-next' });
          if (!r.called) {
            empty++;
            continue;
          }
          const warmup = cycle < warmupCycles;
          if (!warmup) measured++;
          calls.push({ hallId, t0, ticketId: r.called.ticketId, warmup });
          await sleep(Math.floor(period * 0.3));
          await counterCommand(client, counterId, { action: 'start' });
          holding = true;
        } catch (e) {
          errors++;
          firstError ??= (e as Error).message;
        }
      }
      if (holding) await counterCommand(client, counterId, { action: 'finish' });
    }),
  );
  return { calls, empty, errors, firstError };
}

export interface CallResult {
  /** From just before the call's POST to the last display that shows its hall receiving it. */
  readonly toAll: Percentiles;
  readonly toFirst: Percentiles;
  readonly warmupCalls: number;
  readonly undelivered: number;
  readonly empty: number;
  readonly errors: number;
  readonly firstError: string | null;
  /** The kiosks' issues beside the calls. */
  readonly background: OpenLoopResult;
  readonly seconds: number;
}

/**
 * Counters call at `callRate` until `measuredCalls` calls are counted, kiosks issuing at the
 * same rate beside (ticket numbers from `issueOffset`); then waits up to 3 s for the last calls
 * to reach every display (later ones count as undelivered).
 */
export async function measureCalls(options: {
  operators: readonly Operator[];
  kiosks: readonly CenterClient[];
  fleet: DisplayFleet;
  callRate: number;
  measuredCalls: number;
  warmupCycles: number;
  issueOffset: number;
}): Promise<CallResult> {
  const { fleet } = options;
  const start = performance.now();
  let countersDone = false;
  const [run, background] = await Promise.all([
    runCounters(options.operators, options.callRate, options.measuredCalls, options.warmupCycles).finally(
      () => (countersDone = true),
    ),
    issueAtRate(options.kiosks, options.callRate, () => countersDone, options.issueOffset),
  ]);
  const complete = (c: Call) => (fleet.calls.get(c.ticketId)?.count ?? 0) >= fleet.expected(c.hallId);
  for (let i = 0; i < 60 && !run.calls.every(complete); i++) await sleep(50);
  const seconds = (performance.now() - start) / 1000;

  const measured = run.calls.filter((c) => !c.warmup);
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
  return {
    toAll: percentiles(toAll),
    toFirst: percentiles(toFirst),
    warmupCalls: run.calls.length - measured.length,
    undelivered,
    empty: run.empty,
    errors: run.errors,
    firstError: run.firstError,
    background,
    seconds,
  };
}
