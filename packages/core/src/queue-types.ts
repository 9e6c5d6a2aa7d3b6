import type { Language } from './center';
import type { CallReason } from './dispatch';
import type { PriorityClass, PriorityReason, Ticket } from './ticket';

/** The shapes `CenterQueue` takes and gives: counters' state, issue input, call results. */

export const CounterStatus = { Closed: 'closed', Open: 'open', Paused: 'paused' } as const;
export type CounterStatus = (typeof CounterStatus)[keyof typeof CounterStatus];

export interface CounterState {
  readonly id: string;
  readonly number: number;
  readonly hallId: string;
  status: CounterStatus;
  staffId: string | null;
  /** The ticket called to or served at this counter, if any: never more than one. */
  ticketId: string | null;
  /** Privileged calls in a row, for the interleaving rule. */
  privilegedStreak: number;
  /** When the status last changed. */
  since: number;
}

export interface IssueInput {
  readonly id: string;
  readonly number: string;
  readonly day: string;
  readonly serviceId: string;
  readonly language: Language;
  readonly priority?: PriorityClass;
  readonly priorityReason?: PriorityReason | null;
  readonly appointmentAt?: number | null;
  readonly issuedAt: number;
}

export interface CallResult {
  readonly ticket: Ticket;
  readonly counterId: string;
  readonly reason: CallReason;
  /** Staff picked this ticket by hand instead of taking the next. */
  readonly outOfOrder: boolean;
}

export type TransferTarget = { readonly serviceId: string } | { readonly counterId: string };
