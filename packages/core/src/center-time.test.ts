import { describe, expect, it } from 'vitest';
import { centerDay, isOpenAt, localTime } from './center-time';
import { exampleCenter } from './fixtures';

const hours = exampleCenter.hours;

describe('center time', () => {
  it('reads the wall clock in the center time zone', () => {
    expect(localTime(Date.parse('2026-11-23T05:30:00Z'), 'Asia/Baku')).toEqual({
      date: '2026-11-23',
      weekday: 'mon',
      minutes: 9 * 60 + 30,
    });
  });

  it('starts the ticket day at dayStart, not at midnight', () => {
    expect(centerDay(Date.parse('2026-11-23T03:59:00+04:00'), hours)).toBe('2026-11-22');
    expect(centerDay(Date.parse('2026-11-23T04:00:00+04:00'), hours)).toBe('2026-11-23');
    expect(centerDay(Date.parse('2026-11-23T23:59:00+04:00'), hours)).toBe('2026-11-23');
  });

  it('knows opening hours per weekday', () => {
    expect(isOpenAt(Date.parse('2026-11-23T08:59:00+04:00'), hours)).toBe(false);
    expect(isOpenAt(Date.parse('2026-11-23T09:00:00+04:00'), hours)).toBe(true);
    expect(isOpenAt(Date.parse('2026-11-23T19:00:00+04:00'), hours)).toBe(false);
    expect(isOpenAt(Date.parse('2026-11-28T16:30:00+04:00'), hours)).toBe(true); // Saturday
    expect(isOpenAt(Date.parse('2026-11-29T12:00:00+04:00'), hours)).toBe(false); // Sunday
  });
});
