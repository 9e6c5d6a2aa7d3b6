import { z } from 'zod';
import type { Language } from '@novbe/core';
import { InvalidTicketError } from './errors';

const text = (max: number) => z.string().trim().min(1).max(max);

const TicketPrintDataSchema = z
  .object({
    language: z.enum(['az', 'ru', 'en']),
    centerName: text(120),
    agencyName: text(160),
    serviceName: text(200),
    number: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,9}$/, 'a ticket number such as A-042'),
    peopleAhead: z.number().int().min(0).max(9999),
    waitMinutes: z
      .object({
        low: z
          .number()
          .min(0)
          .max(24 * 60),
        high: z
          .number()
          .min(0)
          .max(24 * 60),
      })
      .refine((w) => w.low <= w.high, 'low must not exceed high'),
    issuedAt: z.number().int().positive(),
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Asia/Baku'),
    kioskName: text(40),
    // The printer's QR encoder takes bytes; a URL is ASCII once percent-encoded.
    trackingUrl: z
      .string()
      .max(600)
      .regex(/^https?:\/\/[\x21-\x7e]+$/, 'an http(s) URL of printable ASCII (percent-encode the rest)'),
  })
  .strict();

/** What a ticket says. Names arrive already in the citizen's language. */
export interface TicketPrintData {
  readonly language: Language;
  readonly centerName: string;
  readonly agencyName: string;
  readonly serviceName: string;
  /** Display number, e.g. `A-042`. */
  readonly number: string;
  readonly peopleAhead: number;
  /** Estimated wait until the call, as a range in minutes. */
  readonly waitMinutes: { readonly low: number; readonly high: number };
  /** Issue instant, ms since the epoch; printed in `timeZone` (the center's, not the kiosk's). */
  readonly issuedAt: number;
  readonly timeZone: string;
  readonly kioskName: string;
  /** Printed as a QR code, for following the queue on a phone. */
  readonly trackingUrl: string;
}

/** Returns `data` when it can be printed; otherwise `InvalidTicketError` naming the field. */
export function validateTicket(data: TicketPrintData): TicketPrintData {
  const result = TicketPrintDataSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new InvalidTicketError(`ticket.${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}
