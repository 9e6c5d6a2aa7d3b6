import { formatEstimatedWait, formatIssuedAt, formatPeopleAhead, ticketMessages, fill } from '@novbe/i18n';
import type { Align } from './text-raster';
import type { TicketPrintData } from './ticket-data';

/** Text roles on a ticket; each maps to a raster font size and to a printer character size. */
export type TextRole = 'title' | 'heading' | 'body' | 'small';

export type TicketLine =
  | { readonly kind: 'text'; readonly role: TextRole; readonly text: string; readonly align: Align }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'rule' }
  | { readonly kind: 'qr'; readonly data: string }
  | { readonly kind: 'gap' };

/**
 * What goes on a ticket, top to bottom, independent of paper and printer: the citizen looks
 * for the number first, then how long, then where to follow it.
 */
export function layoutTicket(t: TicketPrintData): TicketLine[] {
  const m = ticketMessages[t.language];
  return [
    { kind: 'text', role: 'title', text: t.centerName, align: 'center' },
    { kind: 'text', role: 'body', text: t.agencyName, align: 'center' },
    { kind: 'rule' },
    { kind: 'text', role: 'heading', text: t.serviceName, align: 'center' },
    { kind: 'gap' },
    { kind: 'text', role: 'body', text: m.yourNumber, align: 'center' },
    { kind: 'number', text: t.number },
    { kind: 'gap' },
    { kind: 'text', role: 'body', text: formatPeopleAhead(t.language, t.peopleAhead), align: 'left' },
    {
      kind: 'text',
      role: 'body',
      text: formatEstimatedWait(t.language, t.waitMinutes.low, t.waitMinutes.high),
      align: 'left',
    },
    { kind: 'rule' },
    { kind: 'text', role: 'small', text: m.trackYourPlace, align: 'center' },
    { kind: 'qr', data: t.trackingUrl },
    { kind: 'text', role: 'small', text: m.watchTheScreen, align: 'center' },
    { kind: 'rule' },
    { kind: 'text', role: 'small', text: formatIssuedAt(t.language, t.issuedAt, t.timeZone), align: 'left' },
    { kind: 'text', role: 'small', text: fill(m.kiosk, { kiosk: t.kioskName }), align: 'left' },
  ];
}
