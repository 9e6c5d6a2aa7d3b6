const formatters = new Map<string, Intl.DateTimeFormat>();

/** An appointment slot as HH:MM in the center's time zone (never the kiosk PC's own zone). */
export function formatSlotTime(instantMs: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f.format(instantMs);
}
