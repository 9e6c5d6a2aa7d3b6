/**
 * The crash loop (test/crash/): the server killed with SIGKILL under load, again and again,
 * restarted on the same data directory each time; every acknowledged ticket is there with its
 * number, no acknowledged call is undone, no number is given twice. CI runs a short loop with
 * a fixed seed; `npm run soak` runs ≥ 100 cycles with a fresh one. NOVBE_CRASH_SEED and
 * NOVBE_CRASH_CYCLES replay or lengthen a run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCrashLoop } from './crash/crash-loop';
import { killAllStarted } from './server-process';

const SEED = Number(process.env.NOVBE_CRASH_SEED ?? 20_260_513);
const CYCLES = Number(process.env.NOVBE_CRASH_CYCLES ?? 10);

afterAll(killAllStarted);

describe('the center server killed under load', () => {
  it(`keeps every acknowledged ticket over ${CYCLES} kill -9 cycles (seed ${SEED})`, async () => {
    const report = await runCrashLoop({ seed: SEED, cycles: CYCLES });
    const replay = `seed ${SEED} (replay: NOVBE_CRASH_SEED=${SEED} npx vitest run test/server-crash-loop.test.ts)`;
    expect([...report.lost, ...report.undone, ...report.problems], replay).toEqual([]);
    expect(report.cycles).toBe(CYCLES);
    expect(report.acknowledged).toBeGreaterThan(CYCLES * 5);
    expect(report.offlineAcknowledged).toBeGreaterThan(0);
    expect(report.commands).toBeGreaterThan(0);
  }, 600_000);
});
