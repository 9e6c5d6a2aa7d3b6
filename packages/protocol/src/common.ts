import {
  Language as CoreLanguage,
  PriorityClass as CorePriorityClass,
  PriorityReason as CorePriorityReason,
  TicketStatus as CoreTicketStatus,
} from '@novbe/core';
import { z } from 'zod';

/** A ULID: the client-generated ticket id, the idempotency key everywhere. */
export const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a ULID (26 Crockford base32 characters)');
export const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);
/** The domain's enums come from `@novbe/core`; the wire only names them. */
export const Language = CoreLanguage;
export const PriorityClass = z.enum(CorePriorityClass);
export const PriorityReason = z.enum(CorePriorityReason);
export const TicketStatus = z.enum(CoreTicketStatus);
/**
 * The last millisecond of 9999-12-31 (UTC). Instants stay within the four-digit years that
 * calendar dates are written in, far inside what a `Date` holds (year 275760), so every date
 * computed from one (its center day, the next day, a local time) is still a date.
 */
export const MAX_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** ms since the epoch, from 1970 to the end of 9999: see `MAX_INSTANT`. */
export const Instant = z.number().int().nonnegative().max(MAX_INSTANT);
/** The Azerbaijani personal identification number on ID cards: 7 characters, no I or O. */
export const Fin = z
  .string()
  .regex(/^[0-9A-HJ-NP-Z]{7}$/, 'a FIN: 7 characters, digits and letters except I and O');
/** The first calendar date: instants begin with 1970. */
export const MIN_DATE = '1970-01-01';
/** A calendar date, `YYYY-MM-DD`, that exists (no 31 February), from 1970 to 9999. */
export const CalendarDate = z.iso
  .date()
  .refine((d) => d >= MIN_DATE, `a date from ${MIN_DATE} to 9999-12-31`);
/** `{ ok: true }`: the answer of a command with nothing else to say. */
export const Ok = z.object({ ok: z.literal(true) });
/** A path parameter naming one entity. */
export const IdParams = z.object({ id: z.string().min(1).max(64) });
