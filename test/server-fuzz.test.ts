/**
 * The server under fuzzed requests, derived from the contract table (test/fuzz/): no answer
 * ≥ 500, no stranger admitted, every request the schemas refuse refused, `/health` ok after,
 * and a clean restart on the same data directory to the same state. CI sends a modest number
 * with a fixed seed; `npm run soak` sends ≥ 10,000 with a fresh one. NOVBE_FUZZ_SEED and
 * NOVBE_FUZZ_CASES replay or widen a run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz/campaign';
import { killAllStarted } from './server-process';

const SEED = Number(process.env.NOVBE_FUZZ_SEED ?? 20_260_513);
const CASES = Number(process.env.NOVBE_FUZZ_CASES ?? 1500);

afterAll(killAllStarted);

describe('the center server under fuzzed requests', () => {
  it(`answers ${CASES} fuzzed requests below 500 and restarts cleanly (seed ${SEED})`, async () => {
    const report = await runFuzz({ seed: SEED, cases: CASES });
    const found = [
      ...report.failures.map(
        (f) =>
          `#${f.index} ${f.problem}\n    ${f.request}${f.serverLog ? `\n    server: ${f.serverLog}` : ''}`,
      ),
      ...report.afterwards,
    ];
    expect(
      found,
      `seed ${SEED} (replay: NOVBE_FUZZ_SEED=${SEED} npx vitest run test/server-fuzz.test.ts)`,
    ).toEqual([]);
    expect(report.httpRequests + report.streams).toBeGreaterThan(CASES * 0.9);
  }, 600_000);
});
