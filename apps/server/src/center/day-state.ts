import {
  estimateNewTickets,
  type CenterIndex,
  type CounterState,
  type IssueInput,
  type NumberAllocator,
  type PriorityClass,
  type Selection,
  type ServiceGroup,
  type Ticket,
  type TicketAction,
  type TransferTarget,
  type WaitEstimate,
} from '@novbe/core';
import type { CenterEvent, HallWaiting } from '@novbe/protocol';
import type { LogEntry } from './center-log';
import {
  applyEvent,
  describeMemory,
  movesCounters,
  startDay,
  type DayMemory,
  type RecentCall,
} from './day-memory';
import { reasonOf, type Quarantine, type QuarantinedEvent } from './quarantine';

/**
 * The core queue as commands see it: reads, and checks that refuse what a change would refuse
 * without making it (see `CenterQueue`). Nothing here changes memory.
 */
export interface QueueReads {
  ticket(id: string): Readonly<Ticket> | undefined;
  counter(id: string): Readonly<CounterState>;
  checkIssue(input: IssueInput): Readonly<Ticket> | null;
  checkOpen(counterId: string, staffId: string | null): Readonly<CounterState>;
  checkPause(counterId: string): Readonly<CounterState>;
  checkClose(counterId: string): Readonly<CounterState>;
  selectNext(counterId: string, now: number): Readonly<Selection> | null;
  selectTicket(counterId: string, ticketId: string): Readonly<Selection>;
  checkHeld(counterId: string, action: TicketAction): Readonly<Ticket>;
  checkTransfer(counterId: string, target: TransferTarget): Readonly<Ticket>;
  checkCancel(ticketId: string): Readonly<Ticket>;
}

/** What a command reads of the day to decide its events; it cannot change it. */
export interface DayReads {
  readonly index: CenterIndex;
  /** The center day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly queue: QueueReads;
  readonly numbers: Pick<NumberAllocator, 'peek' | 'planLease'>;
}

/** The log from the first event at or after an instant, each row decoded or why it is not. */
export type EntriesFrom = (at: number) => Iterable<LogEntry>;

/** A day replayed from the log, not yet in force (see `DayState.adopt`). */
export interface ReplayedDay {
  readonly memory: DayMemory;
  /** The events of the day that did not decode or did not fit, kept aside. */
  readonly quarantined: readonly QuarantinedEvent[];
}

/**
 * The current center day in memory, rebuilt by replaying the day's events from the log and
 * moved on only by committed events (`apply`). Commands read it (`reads`) to decide their
 * events and never change it themselves.
 */
export class DayState {
  #m: DayMemory;
  #quarantined: readonly QuarantinedEvent[] = [];
  /** Bumped by every event but new tickets and leases, and by every rebuild: such change every estimate. */
  #counterVersion = 0;
  /** Set when a failed commit could not rebuild memory: `ensure` rebuilds it first. */
  #stale = false;

  constructor(
    index: CenterIndex,
    now: number,
    private readonly entries: EntriesFrom,
    /** Where the events each replay keeps aside are reported. */
    private readonly quarantine: Quarantine,
  ) {
    this.#m = startDay(index, now);
    this.rebuild(index, now);
  }

  /**
   * The day holding `now` under `index`, replayed from the log. One event that cannot be read or
   * does not fit never stops the replay: it is kept aside, and the rest replays.
   */
  static replay(index: CenterIndex, now: number, entries: EntriesFrom): ReplayedDay {
    const memory = startDay(index, now);
    const quarantined: QuarantinedEvent[] = [];
    for (const entry of entries(memory.bounds.start)) {
      if (entry.failure) {
        quarantined.push(entry.failure);
        continue;
      }
      const e = entry.event;
      try {
        applyEvent(memory, e);
      } catch (error) {
        quarantined.push({ seq: e.seq, type: e.type, at: e.at, reason: reasonOf(error) });
      }
    }
    return { memory, quarantined };
  }

  /** The day holding `now`, replayed from the log under another configuration, not in force. */
  replayUnder(index: CenterIndex, now: number): ReplayedDay {
    return DayState.replay(index, now, this.entries);
  }

  /** Puts a replayed day in force. */
  adopt(replayed: ReplayedDay): void {
    this.#m = replayed.memory;
    this.#quarantined = replayed.quarantined;
    for (const q of replayed.quarantined) this.quarantine.add(q);
    this.#counterVersion++;
    this.#stale = false;
  }

  /** Starts over: the day holding `now`, under `index`, replayed from the log. */
  rebuild(index: CenterIndex, now: number): void {
    this.adopt(this.replayUnder(index, now));
  }

  /** After a failed commit, which may have moved memory on by part of it: back to the log. */
  recover(now: number): void {
    this.#stale = true;
    try {
      this.rebuild(this.index, now);
    } catch {
      // The log cannot be read now either: `ensure` rebuilds memory before the next command.
    }
  }

  /** Makes memory the day holding `now` (a new day starts afresh), rebuilt if a recovery failed. */
  ensure(now: number): void {
    if (this.#stale || !this.covers(now)) this.rebuild(this.index, now);
  }

  /** Moves memory on by a committed event; throws, changing nothing, if it does not fit. */
  apply(e: CenterEvent): void {
    applyEvent(this.#m, e);
    if (movesCounters(e)) this.#counterVersion++;
  }

  /** What commands read to decide their events. */
  get reads(): DayReads {
    const { index, day, queue, numbers } = this.#m;
    return { index, day, queue, numbers };
  }

  /** The events of the current day's replay kept aside. */
  get quarantined(): readonly QuarantinedEvent[] {
    return this.#quarantined;
  }

  /** The whole memory as plain data (see `describeMemory`). */
  describe(): ReturnType<typeof describeMemory> {
    return describeMemory(this.#m);
  }

  // ── Reads ────────────────────────────────────────────────────────────────

  get index(): CenterIndex {
    return this.#m.index;
  }

  /** The center day, `YYYY-MM-DD`. */
  get day(): string {
    return this.#m.day;
  }

  /** When this center day started. */
  get start(): number {
    return this.#m.bounds.start;
  }

  /** Whether `now` falls in this center day. */
  covers(now: number): boolean {
    return now >= this.#m.bounds.start && now < this.#m.bounds.end;
  }

  get counterVersion(): number {
    return this.#counterVersion;
  }

  ticket(id: string): Ticket | undefined {
    return this.#m.queue.ticket(id);
  }

  /** A counter's state; `UnknownEntityError` for an id the configuration lacks. */
  counter(id: string): CounterState {
    return this.#m.queue.counter(id);
  }

  counters(): IterableIterator<CounterState> {
    return this.#m.queue.counters();
  }

  waitingIn(serviceId: string): number {
    return this.#m.queue.waiting.waitingIn(serviceId);
  }

  waitingTotal(): number {
    return this.#m.queue.waiting.size;
  }

  /** Tickets waiting in each hall that `inHall` accepts (a ticket waits in its service's hall). */
  waitingByHall(inHall: (hallId: string) => boolean): HallWaiting {
    const counts = new Map<string, number>();
    for (const hall of this.#m.index.center.halls) if (inHall(hall.id)) counts.set(hall.id, 0);
    for (const service of this.#m.index.center.services) {
      const count = counts.get(service.hallId);
      if (count !== undefined)
        counts.set(service.hallId, count + this.#m.queue.waiting.waitingIn(service.id));
    }
    return [...counts].map(([hallId, count]) => ({ hallId, count }));
  }

  /** The latest calls in the halls that `inHall` accepts, newest first. */
  recentCalls(inHall: (hallId: string) => boolean): RecentCall[] {
    return this.#m.recentCalls.filter((c) => inHall(c.hallId));
  }

  /** The observed mean counter time per call of a service, ms. */
  meanHandling(serviceId: string): number {
    return this.#m.stats.mean(serviceId);
  }

  /** A new ticket's estimated wait in each service and class of a group, projected now. */
  estimateNewTickets(
    group: ServiceGroup,
    now: number,
  ): ReadonlyMap<string, ReadonlyMap<PriorityClass, WaitEstimate>> {
    return estimateNewTickets(this.#m.queue, this.#m.stats, group, now);
  }
}
