import { describe, expect, it } from 'vitest';
import { percentile, percentiles } from './percentile';

describe('percentile', () => {
  it('by nearest rank, gives a value that was measured', () => {
    const sorted = [1, 2, 3, 4, 5];
    expect(percentile(sorted, 0.5)).toBe(3);
    expect(percentile(sorted, 0.95)).toBe(5);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile(sorted, 1)).toBe(5);
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(20);
    // p99 of 100 samples is the 99th, of 1,000 the 990th.
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(
      percentile(
        Array.from({ length: 1000 }, (_, i) => i + 1),
        0.99,
      ),
    ).toBe(990);
  });

  it('linearly, interpolates between the closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 0.5, 'linear')).toBe(2.5);
    expect(percentile([10, 10, 20], 0.9, 'linear')).toBe(18);
    expect(percentile([7], 0.9, 'linear')).toBe(7);
  });

  it('has no value for no samples, and refuses a quantile outside [0, 1]', () => {
    expect(percentile([], 0.5)).toBeUndefined();
    expect(percentile([], 0.5, 'linear')).toBeUndefined();
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('percentiles', () => {
  it('sorts the samples and reports median, p95, p99 and max', () => {
    expect(percentiles([5, 1, 3, 2, 4])).toEqual({ n: 5, p50: 3, p95: 5, p99: 5, max: 5 });
  });

  it('reports NaN for no samples', () => {
    expect(percentiles([])).toEqual({ n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN });
  });
});
