import type { OpeningHours, TimeOfDay, Weekday } from './center';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  /** `YYYY-MM-DD` in the center's time zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

/** The wall-clock time at the center for an instant (ms since the epoch). */
export function localTime(instantMs: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instantMs)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: (parts.weekday ?? 'Mon').toLowerCase().slice(0, 3) as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Minutes since midnight of an 'HH:MM' time. */
export function minutesOf(time: TimeOfDay): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * The center day an instant belongs to, `YYYY-MM-DD`. Days start at `hours.dayStart` local
 * time, so a ticket at 01:00 belongs to the previous day when days start at 04:00.
 */
export function centerDay(instantMs: number, hours: Pick<OpeningHours, 'timeZone' | 'dayStart'>) {
  const local = localTime(instantMs, hours.timeZone);
  return local.minutes >= minutesOf(hours.dayStart) ? local.date : addDays(local.date, -1);
}

/** Midnight UTC of a date, ms; unlike `Date.UTC`, years 0–99 are themselves, not 19xx. */
function utcMidnight(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime();
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A `YYYY-MM-DD` date some days later (or earlier); years past 9999 keep their five digits. */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(utcMidnight(y, m, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

/** When a center day begins, and when the next one does (ms since the epoch). */
export function centerDayBounds(
  date: string,
  hours: Pick<OpeningHours, 'timeZone' | 'dayStart'>,
): { start: number; end: number } {
  return {
    start: centerInstant(date, hours.dayStart, hours.timeZone),
    end: centerInstant(addDays(date, 1), hours.dayStart, hours.timeZone),
  };
}

/** Whether the center is open for citizens at an instant. */
export function isOpenAt(instantMs: number, hours: OpeningHours): boolean {
  const local = localTime(instantMs, hours.timeZone);
  const day = hours.week[local.weekday];
  if (!day) return false;
  return local.minutes >= minutesOf(day.open) && local.minutes < minutesOf(day.close);
}

/** The instant of a wall-clock time at the center, e.g. ('2026-11-23', '09:00', 'Asia/Baku'). */
export function centerInstant(date: string, time: TimeOfDay, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wanted = utcMidnight(y, m, d) + minutesOf(time) * 60_000;
  // Guess the zone offset, then correct once more in case the guess crossed a DST change.
  let instant = wanted;
  for (let i = 0; i < 2; i++) {
    const local = localTime(instant, timeZone);
    const [ly, lm, ld] = local.date.split('-').map(Number) as [number, number, number];
    const localAsUtc = utcMidnight(ly, lm, ld) + local.minutes * 60_000;
    instant += wanted - localAsUtc;
  }
  return instant;
}
