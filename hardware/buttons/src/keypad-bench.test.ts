import { describe, expect, it } from 'vitest';

import { measureKeypadLatency, summarize } from './keypad-bench';

describe('measureKeypadLatency', () => {
  it('turns presses into commands well within 10 ms each', async () => {
    const stats = await measureKeypadLatency({ presses: 200 });
    expect(stats.samples).toBe(200);
    expect(stats.p95Ms).toBeLessThan(10);
    expect(stats.p50Ms).toBeGreaterThan(0);
  });

  it('summarizes with nearest-rank percentiles', () => {
    expect(summarize([5, 1, 3, 2, 4])).toEqual({ samples: 5, meanMs: 3, p50Ms: 3, p95Ms: 5, maxMs: 5 });
  });
});
