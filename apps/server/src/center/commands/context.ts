import type { PriorityClass } from '@novbe/core';
import type { EventBody, TicketView, WaitEstimateView } from '@novbe/protocol';
import type { DayChanges } from '../day-state';
import type { TicketRepository } from '../ticket-repository';

/** What a command works with: the day's memory to change, and what it may read. */
export interface CommandContext extends DayChanges {
  readonly now: number;
  readonly tickets: TicketRepository;
  /** A ticket of any day, today's from memory. */
  findTicket(id: string): TicketView | null;
  /** A new ticket's estimated wait now. */
  estimateFor(serviceId: string, priority: PriorityClass): WaitEstimateView | null;
}

/**
 * A command's outcome: the events it caused (memory already changed), its answer, and what
 * else must commit with the events.
 */
export interface CommandOutcome<T> {
  readonly events: EventBody[];
  readonly result: T;
  readonly inTransaction?: () => void;
}
