import type { Language } from './center';
import { IllegalTransitionError } from './errors';

/**
 * Where a ticket is in its life:
 * issued → called → (recalled)* → serving → done | no-show | transferred | cancelled.
 * A transferred ticket waits again (at another service or counter) and can be called anew.
 */
export const TicketStatus = {
  Issued: 'issued',
  Called: 'called',
  Serving: 'serving',
  Done: 'done',
  NoShow: 'no-show',
  Transferred: 'transferred',
  Cancelled: 'cancelled',
} as const;
export type TicketStatus = (typeof TicketStatus)[keyof typeof TicketStatus];

export const TicketAction = {
  Call: 'call',
  Recall: 'recall',
  Start: 'start',
  Finish: 'finish',
  NoShow: 'no-show',
  Transfer: 'transfer',
  Cancel: 'cancel',
} as const;
export type TicketAction = (typeof TicketAction)[keyof typeof TicketAction];

const S = TicketStatus;
const A = TicketAction;

/** The whole lifecycle: every legal (status, action) pair and where it leads. */
export const TICKET_TRANSITIONS: Readonly<
  Record<TicketStatus, Readonly<Partial<Record<TicketAction, TicketStatus>>>>
> = {
  [S.Issued]: { [A.Call]: S.Called, [A.Cancel]: S.Cancelled },
  [S.Called]: {
    [A.Recall]: S.Called,
    [A.Start]: S.Serving,
    [A.NoShow]: S.NoShow,
    [A.Transfer]: S.Transferred,
  },
  [S.Serving]: { [A.Finish]: S.Done, [A.Transfer]: S.Transferred },
  [S.Transferred]: { [A.Call]: S.Called, [A.Cancel]: S.Cancelled },
  [S.Done]: {},
  [S.NoShow]: {},
  [S.Cancelled]: {},
};

/** The status after `action`, or `IllegalTransitionError` when the lifecycle forbids it. */
export function nextStatus(ticketId: string, from: TicketStatus, action: TicketAction) {
  const to = TICKET_TRANSITIONS[from][action];
  if (to === undefined) throw new IllegalTransitionError(ticketId, from, action);
  return to;
}

/** Waiting to be called: fresh from the kiosk, or transferred. */
export function isWaiting(status: TicketStatus): boolean {
  return status === S.Issued || status === S.Transferred;
}

/** At a counter: called (walking up) or being served. */
export function isAtCounter(status: TicketStatus): boolean {
  return status === S.Called || status === S.Serving;
}

export function isFinal(status: TicketStatus): boolean {
  return status === S.Done || status === S.NoShow || status === S.Cancelled;
}

/**
 * Who goes first. `appointment`: booked for a slot, privileged from the slot's start;
 * `priority`: disability, elderly, veteran, pregnancy; `regular`: everyone else.
 */
export const PriorityClass = {
  Appointment: 'appointment',
  Priority: 'priority',
  Regular: 'regular',
} as const;
export type PriorityClass = (typeof PriorityClass)[keyof typeof PriorityClass];

export const PriorityReason = {
  Disability: 'disability',
  Elderly: 'elderly',
  Veteran: 'veteran',
  Pregnancy: 'pregnancy',
} as const;
export type PriorityReason = (typeof PriorityReason)[keyof typeof PriorityReason];

export interface Ticket {
  /** Client-generated ULID: the idempotency key everywhere. */
  readonly id: string;
  /** What the citizen sees and hears, e.g. `A-042`. */
  readonly number: string;
  /** The center day the number belongs to, `YYYY-MM-DD`. */
  readonly day: string;
  readonly language: Language;
  readonly priority: PriorityClass;
  readonly priorityReason: PriorityReason | null;
  /** Slot start of an appointment ticket (ms), null otherwise. */
  readonly appointmentAt: number | null;
  readonly issuedAt: number;
  status: TicketStatus;
  serviceId: string;
  /** Set when transferred to one counter: only that counter calls it. */
  targetCounterId: string | null;
  /** Start of the wait that dispatch counts (issue time, or transfer time by rule). */
  queuedAt: number;
  /** The counter holding it while called or serving; the last one after. */
  counterId: string | null;
  calledAt: number | null;
  /** When it was first called: the citizen's wait ends there. */
  firstCalledAt: number | null;
  recalls: number;
  startedAt: number | null;
  endedAt: number | null;
  transfers: number;
}
