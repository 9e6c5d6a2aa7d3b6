import type { Center, Language } from '@novbe/core';
import type { TicketPrintData } from '@novbe/printer';
import type { WaitEstimateView } from '@novbe/protocol';

/** Shortens a configured name to what the ticket layout accepts, rather than refusing to print. */
function clip(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

export interface PrintInput {
  readonly center: Center;
  readonly serviceId: string;
  readonly language: Language;
  readonly number: string;
  readonly issuedAt: number;
  readonly estimate: WaitEstimateView;
  readonly kioskName: string;
  readonly trackingUrl: string;
}

/** What the printer puts on the ticket, every name in the citizen's language. */
export function ticketPrintData(input: PrintInput): TicketPrintData {
  const { center, language } = input;
  const service = center.services.find((s) => s.id === input.serviceId)!;
  const agency = center.agencies.find((a) => a.id === service.agencyId)!;
  const minutes = (m: number) => Math.min(24 * 60, Math.max(0, m));
  const low = minutes(input.estimate.lowMin);
  return {
    language,
    centerName: clip(center.name[language], 120),
    agencyName: clip(agency.name[language], 160),
    serviceName: clip(service.name[language], 200),
    number: input.number,
    peopleAhead: Math.min(9999, input.estimate.ahead),
    waitMinutes: { low, high: Math.max(low, minutes(input.estimate.highMin)) },
    issuedAt: input.issuedAt,
    timeZone: center.hours.timeZone,
    kioskName: clip(input.kioskName, 40),
    trackingUrl: input.trackingUrl,
  };
}
