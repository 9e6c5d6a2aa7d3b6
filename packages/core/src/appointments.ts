import type { DispatchRules } from './center';

export type ArrivalWindowStatus = 'early' | 'on-time' | 'late';

/**
 * Whether a citizen arriving at `now` may check in for an appointment at `slotAt`: from
 * `earlyMin` before the slot to `lateMin` after it. Outside, the slot is not honoured
 * (the kiosk offers a regular ticket instead).
 */
export function arrivalWindowStatus(
  slotAt: number,
  now: number,
  window: DispatchRules['appointmentWindow'],
): ArrivalWindowStatus {
  if (now < slotAt - window.earlyMin * 60_000) return 'early';
  if (now > slotAt + window.lateMin * 60_000) return 'late';
  return 'on-time';
}
