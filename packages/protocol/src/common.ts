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
/** The largest instant a JavaScript `Date` holds (±100,000,000 days from the epoch). */
export const MAX_INSTANT = 8_640_000_000_000_000;
/** ms since the epoch, within what a `Date` can hold. */
export const Instant = z.number().int().nonnegative().max(MAX_INSTANT);
/** The Azerbaijani personal identification number on ID cards: 7 characters, no I or O. */
export const Fin = z
  .string()
  .regex(/^[0-9A-HJ-NP-Z]{7}$/, 'a FIN: 7 characters, digits and letters except I and O');
/** A calendar date, `YYYY-MM-DD`, that exists (no 31 February). */
export const CalendarDate = z.iso.date();
/** `{ ok: true }`: the answer of a command with nothing else to say. */
export const Ok = z.object({ ok: z.literal(true) });
/** A path parameter naming one entity. */
export const IdParams = z.object({ id: z.string().min(1).max(64) });
