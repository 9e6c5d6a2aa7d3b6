import type { PriorityClass } from '@novbe/core';
import type { EventBody, TicketView, WaitEstimateView } from '@novbe/protocol';
import type { DayReads } from '../day-state';
import type { TicketRepository } from '../ticket-repository';

/**
 * What a command works with: the day's memory and the tickets projection to read. A command
 * only decides: it changes nothing, and memory moves on when its events are committed.
 */
export interface CommandContext extends DayReads {
  readonly now: number;
  readonly tickets: Pick<TicketRepository, 'byId' | 'has' | 'numberTaken' | 'wasCancelledUnseen'>;
  /** A ticket of any day, today's from memory. */
  findTicket(id: string): TicketView | null;
  /** A new ticket's estimated wait now. */
  estimateFor(serviceId: string, priority: PriorityClass): WaitEstimateView | null;
}

/**
 * What a command decided: its events, what else must commit with them, and its answer, read
 * from memory once the events moved it on (inside their transaction, so a failed answer
 * rolls them back too).
 */
export interface CommandOutcome<T> {
  readonly events: EventBody[];
  readonly inTransaction?: () => void;
  answer(day: DayReads): T;
}
