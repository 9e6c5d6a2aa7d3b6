import { z } from 'zod';

/** A ULID: the client-generated ticket id, the idempotency key everywhere. */
export const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a ULID (26 Crockford base32 characters)');
export const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);
export const Language = z.enum(['az', 'ru', 'en']);
export const Instant = z.number().int().nonnegative();
export const PriorityClass = z.enum(['appointment', 'priority', 'regular']);
export const PriorityReason = z.enum(['disability', 'elderly', 'veteran', 'pregnancy']);
/** The Azerbaijani personal identification number on ID cards: 7 characters, no I or O. */
export const Fin = z
  .string()
  .regex(/^[0-9A-HJ-NP-Z]{7}$/, 'a FIN: 7 characters, digits and letters except I and O');
export const TicketStatus = z.enum([
  'issued',
  'called',
  'serving',
  'done',
  'no-show',
  'transferred',
  'cancelled',
]);
