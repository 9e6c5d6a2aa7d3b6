/**
 * MRZ dates carry two-digit years. A birth date is never in the future, so a year ahead of today belongs
 * to the previous century. An expiry is within decades of today either way; documents are issued for at
 * most ten years, so we take the century that puts it nearest to today.
 */
export function birthDateToIso(yymmdd: string, today: string): string | null {
  const yy = Number(yymmdd.slice(0, 2));
  const currentYear = Number(today.slice(0, 4));
  let year = Math.floor(currentYear / 100) * 100 + yy;
  if (toIso(year, yymmdd) > today) year -= 100;
  return validIso(year, yymmdd);
}

/** See `birthDateToIso`: the century nearest to today. */
export function expiryDateToIso(yymmdd: string, today: string): string | null {
  const yy = Number(yymmdd.slice(0, 2));
  const currentYear = Number(today.slice(0, 4));
  const century = Math.floor(currentYear / 100) * 100;
  const candidates = [century - 100 + yy, century + yy, century + 100 + yy];
  const year = candidates.reduce((best, y) =>
    Math.abs(y - currentYear) < Math.abs(best - currentYear) ? y : best,
  );
  return validIso(year, yymmdd);
}

/** Today's calendar date (`YYYY-MM-DD`) in the center's time zone: a card is valid to the end of its expiry day there. */
export function todayIn(now: Date, timeZone: string): string {
  let format = DAY_FORMATS.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    DAY_FORMATS.set(timeZone, format);
  }
  return format.format(now);
}

/** Building a DateTimeFormat costs far more than a whole MRZ parse, so keep one per time zone. */
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

function toIso(year: number, yymmdd: string): string {
  return `${String(year).padStart(4, '0')}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/** `null` for dates that do not exist (31 February, month 13, unknown parts written as <<). */
function validIso(year: number, yymmdd: string): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return toIso(year, yymmdd);
}
