import { describe, expect, it } from 'vitest';
import { BookAppointment, SlotsQuery } from './appointments';
import { CalendarDate, Instant, MAX_INSTANT } from './common';
import { StatisticsQuery } from './statistics';
import { OfflineTicket } from './tickets';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) =>
  schema.safeParse(v).success;

describe('instants and dates on the wire', () => {
  it('an instant is whole milliseconds from 1970 to the last one of 9999', () => {
    expect(MAX_INSTANT).toBe(Date.parse('9999-12-31T23:59:59.999Z'));
    for (const v of [0, Date.parse('2026-11-23T09:00:00+04:00'), MAX_INSTANT])
      expect(ok(Instant, v)).toBe(true);
    for (const v of [-1, 1.5, MAX_INSTANT + 1, 8_640_000_000_000_001, Number.MAX_SAFE_INTEGER, NaN, Infinity])
      expect(ok(Instant, v), String(v)).toBe(false);
  });

  it('a calendar date is one that exists, from 1970-01-01 to 9999-12-31', () => {
    for (const v of ['1970-01-01', '2028-02-29', '9999-12-31']) expect(ok(CalendarDate, v)).toBe(true);
    for (const v of [
      '2026-02-31',
      '2027-02-29',
      '9999-99-99',
      '1969-12-31',
      '0001-01-01',
      '10000-01-01',
      '2026-1-5',
    ])
      expect(ok(CalendarDate, v), v).toBe(false);
  });

  it('every instant and date a client sends is checked: statistics, slots, bookings, offline tickets', () => {
    expect(ok(StatisticsQuery, { from: '8640000000000001' })).toBe(false);
    expect(ok(StatisticsQuery, { to: String(MAX_INSTANT + 1) })).toBe(false);
    expect(ok(StatisticsQuery, { date: '2026-02-31' })).toBe(false);
    expect(ok(StatisticsQuery, { from: '0', to: String(MAX_INSTANT) })).toBe(true);
    expect(ok(SlotsQuery, { serviceId: 'just-marriage', date: '9999-99-99' })).toBe(false);
    const booking = { serviceId: 'just-marriage', fin: '5ZK3M9T' };
    expect(ok(BookAppointment, { ...booking, slotAt: 8_640_000_000_000_000 })).toBe(false);
    expect(ok(BookAppointment, { ...booking, slotAt: MAX_INSTANT })).toBe(true);
    const offline = {
      id: '01JD0000000000000000000000',
      serviceId: 'dim-id-card',
      language: 'az',
      number: 'A-001',
    };
    expect(ok(OfflineTicket, { ...offline, issuedAt: 8_640_000_000_000_001 })).toBe(false);
    expect(ok(OfflineTicket, { ...offline, issuedAt: MAX_INSTANT })).toBe(true);
  });
});
