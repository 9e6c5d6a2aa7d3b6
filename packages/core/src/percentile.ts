/**
 * The repository's one way to summarise samples: the server's statistics, the simulation's
 * report and every benchmark take their percentiles from here.
 */

/**
 * How a percentile falls between samples. `nearest-rank`: the smallest sample with at least
 * that share of the samples at or below it, always a value that was measured (latency figures).
 * `linear`: interpolated between the two closest ranks, as spreadsheets' PERCENTILE.INC and
 * NumPy do, so the median of an even count is the mean of the middle two (waiting times).
 */
export type PercentileMethod = 'nearest-rank' | 'linear';

/**
 * The `q`-quantile (0 ≤ q ≤ 1; 0.99 for p99) of `sorted`, which must be in ascending order;
 * `undefined` when there are no values, so each caller says what an empty list reports.
 */
export function percentile(
  sorted: readonly number[],
  q: number,
  method: PercentileMethod = 'nearest-rank',
): number | undefined {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`a quantile lies in [0, 1], not ${q}`);
  const n = sorted.length;
  if (n === 0) return undefined;
  if (method === 'nearest-rank') return sorted[Math.max(0, Math.ceil(q * n) - 1)];
  const pos = (n - 1) * q;
  const lower = Math.floor(pos);
  const below = sorted[lower]!;
  const above = sorted[Math.min(lower + 1, n - 1)]!;
  return below + (above - below) * (pos - lower);
}

/** What a benchmark prints of a measurement: nearest-rank percentiles; NaN for no samples. */
export interface Percentiles {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** The median, p95, p99 and maximum of `samples` (any order), by nearest rank. */
export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => percentile(sorted, q) ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}
