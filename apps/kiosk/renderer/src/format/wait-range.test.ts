import { describe, expect, it } from 'vitest';
import { formatSlotTime } from './slot-time';
import { formatWaitRange } from './wait-range';

const est = (lowMin: number, highMin: number) => ({
  ahead: 3,
  expectedMin: (lowMin + highMin) / 2,
  lowMin,
  highMin,
});

describe('formatWaitRange', () => {
  it('gives a range in whole minutes, in each language', () => {
    expect(formatWaitRange('az', est(11.6, 18.2))).toBe('12–18 dəq');
    expect(formatWaitRange('ru', est(11.6, 18.2))).toBe('12–18 мин');
    expect(formatWaitRange('en', est(11.6, 18.2))).toBe('12–18 min');
  });

  it('collapses a range whose ends meet, and says "under a minute" at the front', () => {
    expect(formatWaitRange('en', est(7.2, 6.8))).toBe('7 min');
    expect(formatWaitRange('az', est(0, 0.3))).toBe('1 dəqiqədən az');
  });

  it('writes hours past the hour', () => {
    expect(formatWaitRange('en', est(50, 80))).toBe('50 min – 1 h 20 min');
    expect(formatWaitRange('az', est(60, 60))).toBe('1 saat');
  });

  it('is null when the wait is not known (offline)', () => {
    expect(formatWaitRange('ru', null)).toBeNull();
  });
});

describe('formatSlotTime', () => {
  it('shows the slot in the center zone, not the machine zone', () => {
    expect(formatSlotTime(Date.UTC(2025, 10, 25, 6, 30), 'Asia/Baku')).toBe('10:30');
    expect(formatSlotTime(Date.UTC(2025, 10, 25, 23, 5), 'Asia/Baku')).toBe('03:05');
  });
});
