import { describe, expect, it } from 'vitest';
import { centerDay, centerDayBounds, centerInstant, isOpenAt, localTime } from './center-time';
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

  it('bounds a center day from its dayStart to the next one, across a month and a DST change', () => {
    expect(centerDayBounds('2026-11-30', hours)).toEqual({
      start: Date.parse('2026-11-30T04:00:00+04:00'),
      end: Date.parse('2026-12-01T04:00:00+04:00'),
    });
    const berlin = { timeZone: 'Europe/Berlin', dayStart: '04:00' } as const;
    // Clocks go forward at 02:00 on 29 March: the day that started on the 28th is an hour short.
    const { start, end } = centerDayBounds('2026-03-28', berlin);
    expect(end - start).toBe(23 * 3_600_000);
    expect(centerDay(end - 1, berlin)).toBe('2026-03-28');
    expect(centerDay(end, berlin)).toBe('2026-03-29');
  });

  it('reckons days at the ends of four-digit years, in zones ahead of and behind UTC', () => {
    const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    expect(centerDay(last, hours)).toBe('9999-12-31'); // 04:00 on 1 January 10000 has not come
    expect(centerDayBounds('9999-12-31', hours)).toEqual({
      start: Date.parse('9999-12-31T04:00:00+04:00'),
      end: Date.parse('+010000-01-01T04:00:00+04:00'),
    });
    const midnight = { timeZone: 'Pacific/Kiritimati', dayStart: '00:00' } as const;
    expect(centerDay(last, midnight)).toBe('10000-01-01');
    expect(centerDayBounds('10000-01-01', midnight).end).toBe(Date.parse('+010000-01-02T00:00:00+14:00'));
    const samoa = { timeZone: 'Pacific/Pago_Pago', dayStart: '04:00' } as const;
    expect(centerDay(0, samoa)).toBe('1969-12-31');
    expect(centerDayBounds('1969-12-31', samoa).start).toBe(Date.parse('1969-12-31T04:00:00-11:00'));
  });

  it('knows opening hours per weekday', () => {
    expect(isOpenAt(Date.parse('2026-11-23T08:59:00+04:00'), hours)).toBe(false);
    expect(isOpenAt(Date.parse('2026-11-23T09:00:00+04:00'), hours)).toBe(true);
    expect(isOpenAt(Date.parse('2026-11-23T19:00:00+04:00'), hours)).toBe(false);
    expect(isOpenAt(Date.parse('2026-11-28T16:30:00+04:00'), hours)).toBe(true); // Saturday
    expect(isOpenAt(Date.parse('2026-11-29T12:00:00+04:00'), hours)).toBe(false); // Sunday
  });
});

describe('centerInstant', () => {
  it('turns a local date and time into an instant', () => {
    expect(centerInstant('2026-11-23', '09:00', 'Asia/Baku')).toBe(Date.parse('2026-11-23T09:00:00+04:00'));
    expect(centerInstant('2026-03-29', '12:00', 'Europe/Berlin')).toBe(
      Date.parse('2026-03-29T12:00:00+02:00'),
    );
    expect(centerInstant('2026-01-10', '00:30', 'Europe/Berlin')).toBe(
      Date.parse('2026-01-10T00:30:00+01:00'),
    );
  });
});
