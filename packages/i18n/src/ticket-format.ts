import type { Language } from '@novbe/core';
import { fill } from './catalogue';
import { ticketMessages } from './ticket-messages';

/** "Qarşınızda: 3 nəfər" / "Перед вами: 3 чел." / "People ahead: 3"; a friendlier line for 0. */
export function formatPeopleAhead(language: Language, count: number): string {
  const m = ticketMessages[language];
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`people ahead must be a whole number ≥ 0, got ${count}`);
  return count === 0 ? m.nobodyAhead : fill(m.peopleAhead, { count });
}

/** Minutes as the citizen reads them: "45 dəq", "1 saat 20 dəq", "2 h". */
export function formatMinutes(language: Language, minutes: number): string {
  const m = ticketMessages[language];
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} ${m.minutesShort}`;
  return rest === 0 ? `${hours} ${m.hoursShort}` : `${hours} ${m.hoursShort} ${rest} ${m.minutesShort}`;
}

/**
 * "Təxmini gözləmə: 10–15 dəq". A range reads more honestly than one number; both ends are
 * rounded to whole minutes and a range that collapses prints as a single value.
 */
export function formatEstimatedWait(language: Language, lowMin: number, highMin: number): string {
  const m = ticketMessages[language];
  if (!(lowMin >= 0) || !(highMin >= lowMin)) {
    throw new RangeError(`wait range must satisfy 0 ≤ low ≤ high, got ${lowMin}..${highMin}`);
  }
  const low = Math.round(lowMin);
  const high = Math.round(highMin);
  let range: string;
  if (high < 1) range = m.underAMinute;
  else if (low === high) range = formatMinutes(language, high);
  else if (high < 60) range = `${low}–${high} ${m.minutesShort}`;
  else range = `${formatMinutes(language, low)} – ${formatMinutes(language, high)}`;
  return fill(m.estimatedWait, { range });
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string, instantMs: number): Record<string, string> {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    // Numbers only: the words come from the catalogue, so the ticket does not depend on how much
    // locale data the runtime's ICU carries (Azerbaijani is often missing from small ICU builds).
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(instantMs)) parts[p.type] = p.value;
  return parts;
}

/**
 * Issue date and time in the center's time zone, never the kiosk's: "25 noy 2025, 09:05".
 * `timeZone` is an IANA zone such as `Asia/Baku`.
 */
export function formatTicketDateTime(language: Language, instantMs: number, timeZone: string): string {
  const p = partsIn(timeZone, instantMs);
  const month = ticketMessages[language].months[Number(p.month) - 1];
  const hour = p.hour === '24' ? '00' : p.hour;
  return `${Number(p.day)} ${month} ${p.year}, ${hour}:${p.minute}`;
}

/** "Verilib: 25 noy 2025, 09:05". */
export function formatIssuedAt(language: Language, instantMs: number, timeZone: string): string {
  return fill(ticketMessages[language].issuedAt, {
    dateTime: formatTicketDateTime(language, instantMs, timeZone),
  });
}
