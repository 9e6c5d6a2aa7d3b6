import type { AppointmentView } from '@novbe/protocol';
import { describe, expect, it } from 'vitest';
import { hasTurned, pickAppointment } from './card-scanner';

describe('card step rules', () => {
  it('counts age by the calendar, birthday included', () => {
    expect(hasTurned('1961-11-23', '2026-11-23', 65)).toBe(true);
    expect(hasTurned('1961-11-24', '2026-11-23', 65)).toBe(false);
    expect(hasTurned('1961-12-01', '2026-11-23', 65)).toBe(false);
    expect(hasTurned('1990-03-15', '2026-11-23', 65)).toBe(false);
    expect(hasTurned('1960-02-29', '2025-02-28', 65)).toBe(false);
    expect(hasTurned('1960-02-29', '2025-03-01', 65)).toBe(true);
  });

  it('offers the appointment open for check-in, else the next one', () => {
    const a = (id: string, slotAt: number, window: AppointmentView['window']): AppointmentView => ({
      id,
      serviceId: 'just-marriage',
      slotAt,
      status: 'booked',
      window,
    });
    expect(pickAppointment([])).toBeNull();
    expect(pickAppointment([a('late', 1, 'late'), a('soon', 3, 'early'), a('now', 2, 'on-time')])!.id).toBe(
      'now',
    );
    expect(pickAppointment([a('later', 5, 'early'), a('soon', 3, 'early')])!.id).toBe('soon');
    expect(pickAppointment([a('late', 1, 'late')])!.id).toBe('late');
  });
});
