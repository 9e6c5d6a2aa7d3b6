import type { CounterService, ServiceGroup } from './center';
import { PriorityClass, type Ticket } from './ticket';
import { WaitingLine, type LineEntry } from './waiting-line';

/**
 * Why dispatch chose a ticket. `direct`: transferred to this very counter; `overdue`: waited
 * past the max-wait limit; `appointment`: its slot has begun; `priority`: disability, elderly,
 * veteran; `regular`: by weighted waiting time; `specific`: staff called it out of order.
 */
export const CallReason = {
  Direct: 'direct',
  Overdue: 'overdue',
  Appointment: 'appointment',
  Priority: 'priority',
  Regular: 'regular',
  Specific: 'specific',
} as const;
export type CallReason = (typeof CallReason)[keyof typeof CallReason];

export interface DispatchPolicy {
  /** After this many privileged calls in a row, one regular ticket (if any waits). */
  readonly privilegedPerRegular: number;
  /** The max-wait limit of a service, ms. */
  maxWaitMs(serviceId: string): number;
}

/** What dispatch needs to know of a counter. */
export interface CounterProfile {
  readonly id: string;
  readonly services: readonly CounterService[];
}

export interface Selection {
  readonly ticket: Ticket;
  readonly reason: CallReason;
  /** Counts towards the counter's run of privileged calls. */
  readonly privileged: boolean;
}

/** The class a waiting ticket competes in at `now`: appointments count from their slot. */
export function effectiveClass(ticket: Ticket, now: number): PriorityClass {
  if (ticket.priority === PriorityClass.Appointment)
    return ticket.appointmentAt !== null && ticket.appointmentAt <= now
      ? PriorityClass.Appointment
      : PriorityClass.Regular;
  return ticket.priority;
}

interface ServiceLines {
  /** Regular tickets by queue time. */
  readonly regular: WaitingLine;
  /** Priority tickets by queue time. */
  readonly priority: WaitingLine;
  /** Appointment tickets by slot time; before its slot one competes as regular. */
  readonly appointment: WaitingLine;
}

type Location =
  | {
      readonly kind: 'service';
      readonly id: string;
      readonly line: keyof ServiceLines;
      readonly entry: LineEntry;
    }
  | { readonly kind: 'counter'; readonly id: string; readonly entry: LineEntry };

/** A scored candidate during one selection. */
interface Candidate {
  entry: LineEntry;
  score: number;
}

function better(a: Candidate | null, score: number, entry: LineEntry): boolean {
  if (!a) return true;
  if (score !== a.score) return score > a.score;
  return (
    entry.ticket.queuedAt < a.entry.ticket.queuedAt ||
    (entry.ticket.queuedAt === a.entry.ticket.queuedAt && entry.order < a.entry.order)
  );
}

/**
 * The waiting tickets of a center, arranged for fast dispatch: per service one line per
 * priority class, plus one line per counter for tickets transferred to it. Choosing the next
 * ticket for a counter looks only at line heads, so it costs O(services of the counter), not
 * O(waiting tickets).
 */
export class DispatchState {
  readonly #services: Map<string, ServiceLines>;
  readonly #direct: Map<string, WaitingLine>;
  readonly #where: Map<string, Location>;
  #order: number;

  constructor(from?: DispatchState, only?: ServiceGroup) {
    this.#services = new Map();
    this.#direct = new Map();
    this.#where = new Map();
    this.#order = 0;
    if (!from) return;
    this.#order = from.#order;
    for (const [id, l] of from.#services) {
      if (only && !only.services.has(id)) continue;
      const copy = {
        regular: l.regular.clone(),
        priority: l.priority.clone(),
        appointment: l.appointment.clone(),
      };
      this.#services.set(id, copy);
      for (const line of ['regular', 'priority', 'appointment'] as const)
        for (const entry of copy[line])
          this.#where.set(entry.ticket.id, { kind: 'service', id, line, entry });
    }
    for (const [id, l] of from.#direct) {
      if (only && !only.counters.has(id)) continue;
      const copy = l.clone();
      this.#direct.set(id, copy);
      for (const entry of copy) this.#where.set(entry.ticket.id, { kind: 'counter', id, entry });
    }
  }

  /**
   * An independent copy (tickets are shared, lines are not) for what-if projections; with
   * `only`, just the lines of one group of services and counters.
   */
  clone(only?: ServiceGroup): DispatchState {
    return new DispatchState(this, only);
  }

  get size(): number {
    return this.#where.size;
  }

  has(ticketId: string): boolean {
    return this.#where.has(ticketId);
  }

  /** Waiting tickets of a service (not counting those transferred to one counter). */
  waitingIn(serviceId: string): number {
    const l = this.#services.get(serviceId);
    return l ? l.regular.size + l.priority.size + l.appointment.size : 0;
  }

  /** Waiting tickets transferred to a counter. */
  waitingAt(counterId: string): number {
    return this.#direct.get(counterId)?.size ?? 0;
  }

  /** Every waiting ticket, in no particular order. */
  *tickets(): IterableIterator<Ticket> {
    for (const loc of this.#where.values()) yield loc.entry.ticket;
  }

  /** Puts a waiting ticket in its line, by its current service, class and target counter. */
  enqueue(ticket: Ticket): void {
    if (this.#where.has(ticket.id)) throw new Error(`ticket ${ticket.id} is already waiting`);
    const order = this.#order++;
    if (ticket.targetCounterId !== null) {
      const entry = { ticket, key: ticket.queuedAt, order };
      let line = this.#direct.get(ticket.targetCounterId);
      if (!line) this.#direct.set(ticket.targetCounterId, (line = new WaitingLine()));
      line.insert(entry);
      this.#where.set(ticket.id, { kind: 'counter', id: ticket.targetCounterId, entry });
      return;
    }
    let lines = this.#services.get(ticket.serviceId);
    if (!lines) {
      lines = { regular: new WaitingLine(), priority: new WaitingLine(), appointment: new WaitingLine() };
      this.#services.set(ticket.serviceId, lines);
    }
    const line: keyof ServiceLines =
      ticket.priority === PriorityClass.Appointment && ticket.appointmentAt !== null
        ? 'appointment'
        : ticket.priority === PriorityClass.Priority
          ? 'priority'
          : 'regular';
    const key = line === 'appointment' ? ticket.appointmentAt! : ticket.queuedAt;
    const entry = { ticket, key, order };
    lines[line].insert(entry);
    this.#where.set(ticket.id, { kind: 'service', id: ticket.serviceId, line, entry });
  }

  /** Takes a ticket out of its line; false when it was not waiting. */
  remove(ticketId: string): boolean {
    const loc = this.#where.get(ticketId);
    if (!loc) return false;
    const line = loc.kind === 'counter' ? this.#direct.get(loc.id)! : this.#services.get(loc.id)![loc.line];
    line.remove(loc.entry);
    this.#where.delete(ticketId);
    return true;
  }

  /**
   * Chooses the next ticket for a counter, or null when it serves nothing that waits.
   * Order of rules: (1) the longest-overdue ticket past its max wait; (2) tickets transferred
   * to this counter; (3) privileged tickets (appointments due, then priority by weighted wait)
   * unless `streak` privileged calls already ran and a regular ticket waits; (4) regular
   * tickets by waiting time × the counter's weight for the service.
   * Does not remove the ticket: the caller does, once the call is committed.
   */
  select(counter: CounterProfile, streak: number, now: number, policy: DispatchPolicy): Selection | null {
    let overdue: Candidate | null = null;
    let appointment: Candidate | null = null;
    let priority: Candidate | null = null;
    let regular: Candidate | null = null;

    const consider = (entry: LineEntry, maxWait: number) => {
      const late = now - entry.ticket.queuedAt - maxWait;
      if (late >= 0 && better(overdue, late, entry)) overdue = { entry, score: late };
    };

    // Tickets transferred to this counter are few and of mixed services (each with its own
    // max wait), so all of them are checked for overdue, not only the head.
    const directLine = this.#direct.get(counter.id);
    const direct = directLine?.head();
    if (directLine) for (const d of directLine) consider(d, policy.maxWaitMs(d.ticket.serviceId));

    for (const { serviceId, weight } of counter.services) {
      const lines = this.#services.get(serviceId);
      if (!lines) continue;
      const maxWait = policy.maxWaitMs(serviceId);
      const r = lines.regular.head();
      if (r) {
        consider(r, maxWait);
        const score = (now - r.ticket.queuedAt) * weight;
        if (better(regular, score, r)) regular = { entry: r, score };
      }
      const p = lines.priority.head();
      if (p) {
        consider(p, maxWait);
        const score = (now - p.ticket.queuedAt) * weight;
        if (better(priority, score, p)) priority = { entry: p, score };
      }
      // Appointments are few: scan them. Due ones (slot begun) are privileged, earliest slot
      // first; the others wait like regular tickets, so an early arrival is not kept idle.
      for (const a of lines.appointment) {
        consider(a, maxWait);
        if (a.key <= now) {
          const score = -a.key;
          if (better(appointment, score, a)) appointment = { entry: a, score };
        } else {
          const score = (now - a.ticket.queuedAt) * weight;
          if (better(regular, score, a)) regular = { entry: a, score };
        }
      }
    }

    const pick = (c: Candidate, reason: CallReason): Selection => ({
      ticket: c.entry.ticket,
      reason,
      privileged: effectiveClass(c.entry.ticket, now) !== PriorityClass.Regular,
    });
    // TypeScript cannot follow assignments made inside the closure above.
    const o = overdue as Candidate | null;
    if (o) return pick(o, CallReason.Overdue);
    if (direct) return pick({ entry: direct, score: 0 }, CallReason.Direct);
    const a = appointment as Candidate | null;
    const p = priority as Candidate | null;
    const r = regular as Candidate | null;
    if ((a || p) && (streak < policy.privilegedPerRegular || !r))
      return a ? pick(a, CallReason.Appointment) : pick(p!, CallReason.Priority);
    return r ? pick(r, CallReason.Regular) : null;
  }
}
