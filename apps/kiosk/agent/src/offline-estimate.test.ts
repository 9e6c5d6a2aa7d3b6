import { exampleCenter } from '@novbe/core/fixtures';
import { describe, expect, it } from 'vitest';
import { offlineEstimate } from './offline-estimate';

describe('offlineEstimate', () => {
  const counters = exampleCenter.counters.filter((c) =>
    c.services.some((s) => s.serviceId === 'dim-id-card'),
  ).length;
  const handling = exampleCenter.services.find((s) => s.id === 'dim-id-card')!.expectedHandlingMin;

  it('adds the tickets issued here since the last known line to what the server said', () => {
    const known = { waiting: 4, estimate: { ahead: 4, expectedMin: 10, lowMin: 8, highMin: 14 }, at: 0 };
    const e = offlineEstimate(exampleCenter, 'dim-id-card', known, 2);
    const extra = (2 * handling) / counters;
    expect(e.ahead).toBe(6);
    expect(e.expectedMin).toBeCloseTo(10 + extra, 0);
    expect(e.lowMin).toBeLessThanOrEqual(e.expectedMin);
    expect(e.highMin).toBeGreaterThanOrEqual(e.expectedMin);
  });

  it('falls back to the configured handling time over the counters of the service', () => {
    const e = offlineEstimate(exampleCenter, 'dim-id-card', undefined, 3);
    expect(e.ahead).toBe(3);
    expect(e.expectedMin).toBeCloseTo((3 * handling) / counters, 0);
    expect(e.lowMin).toBeLessThan(e.highMin);
    // Nobody ahead: a range of under a counter's one ticket, never negative.
    const empty = offlineEstimate(exampleCenter, 'dim-id-card', undefined, 0);
    expect(empty).toMatchObject({ ahead: 0, expectedMin: 0, lowMin: 0 });
    expect(empty.highMin).toBeGreaterThan(0);
  });
});
