import { z } from 'zod';
import { Id, Ulid } from './common';

/** Where a transferred ticket goes: to wait for another service, or for one counter. */
export const TransferTarget = z.union([z.object({ serviceId: Id }), z.object({ counterId: Id })]);
export type TransferTarget = z.infer<typeof TransferTarget>;

/** One thing a counter does; staff send these, and so does a counter board's keypad. */
export const CounterCommand = z.discriminatedUnion('action', [
  z.object({ action: z.literal('open') }),
  z.object({ action: z.literal('pause') }),
  z.object({ action: z.literal('close') }),
  z.object({ action: z.literal('call-next') }),
  z.object({ action: z.literal('call-ticket'), ticketId: Ulid }),
  z.object({ action: z.literal('recall') }),
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('finish') }),
  z.object({ action: z.literal('no-show') }),
  z.object({
    action: z.literal('transfer'),
    to: TransferTarget,
    keepWaitingTime: z.boolean().optional(),
  }),
]);
export type CounterCommand = z.infer<typeof CounterCommand>;

/**
 * A supervisor takes over a counter someone else holds (they left it open, with a ticket in
 * hand): it goes to `staffId`, or to the supervisor when absent, and the log records who took
 * it from whom.
 */
export const TakeOverRequest = z.object({ staffId: Id.optional() });
export type TakeOverRequest = z.infer<typeof TakeOverRequest>;

export const CounterView = z.object({
  id: Id,
  number: z.number().int(),
  hallId: Id,
  status: z.enum(['closed', 'open', 'paused']),
  staffId: z.string().nullable(),
  ticketId: z.string().nullable(),
  ticketNumber: z.string().nullable(),
});
export type CounterView = z.infer<typeof CounterView>;

export const CounterCommandResult = z.object({
  counter: CounterView,
  /** The ticket called by this command, when it called one; null when none was waiting. */
  called: z.object({ ticketId: z.string(), number: z.string(), reason: z.string() }).nullable(),
});
export type CounterCommandResult = z.infer<typeof CounterCommandResult>;
