import type { CenterQueue } from './center-queue';
import { CounterStatus } from './queue-types';
import type { ServiceGroup } from './center';
import type { CounterProfile, DispatchState } from './dispatch';
import type { HandlingStats } from './handling-stats';
import { MinHeap } from './min-heap';
import { PriorityClass, type Ticket } from './ticket';

/** An estimated wait until the first call, in ms from now, with a range. */
export interface WaitEstimate {
  /** Tickets of the same service projected to be called first. */
  readonly ahead: number;
  readonly expectedMs: number;
  readonly lowMs: number;
  readonly highMs: number;
}

export interface EstimateOptions {
  /** How long a paused counter is assumed to stay away in all, ms. */
  readonly pauseMs?: number;
  /** Width of the range in standard deviations (1.28 ≈ an 80 % interval). */
  readonly z?: number;
  /** Relative width added to both sides, for what the model does not see (new arrivals). */
  readonly slack?: number;
}

interface ProjectedCounter {
  readonly profile: CounterProfile;
  freeAt: number;
  /** Variance of `freeAt`, ms². */
  variance: number;
  streak: number;
}

/**
 * Replays the center's own dispatch rules forward in time from the present state: each
 * counter becomes free when its current ticket's expected remaining time has passed, then
 * takes what dispatch would give it, and is busy for that service's observed mean. This sees
 * what a head count cannot: counters shared between services and their weights, priority
 * tickets ahead, transfers to one counter, tickets already at counters, paused counters.
 */
function project(
  queue: CenterQueue,
  waiting: DispatchState,
  stats: HandlingStats,
  now: number,
  options: EstimateOptions,
  /** Told of each ticket as its counter takes it: 'serve' it, 'skip' it (zero time), or 'stop'. */
  visit: (ticket: Ticket, at: number, variance: number, ahead: number) => 'serve' | 'skip' | 'stop',
  group?: ServiceGroup,
): void {
  const pauseMs = options.pauseMs ?? 10 * 60_000;
  const heap = new MinHeap<ProjectedCounter>((a, b) => a.freeAt < b.freeAt);
  for (const state of queue.counters()) {
    if (state.status === CounterStatus.Closed || (group && !group.counters.has(state.id))) continue;
    let freeAt = now;
    let variance = 0;
    if (state.status === CounterStatus.Paused) freeAt = Math.max(now + 60_000, state.since + pauseMs);
    const held = state.ticketId === null ? undefined : queue.ticket(state.ticketId);
    if (held) {
      const mean = stats.mean(held.serviceId);
      const elapsed = now - (held.calledAt ?? now);
      freeAt = Math.max(freeAt, now + Math.max(mean - elapsed, 0.25 * mean));
      variance = stats.variance(held.serviceId) / 2;
    }
    heap.push({
      profile: queue.index.counters.get(state.id)!,
      freeAt,
      variance,
      streak: state.privilegedStreak,
    });
  }
  const aheadByService = new Map<string, number>();
  for (let c = heap.pop(); c;) {
    const selection = waiting.select(c.profile, c.streak, c.freeAt, queue.policy);
    if (!selection) {
      c = heap.pop(); // nothing left that this counter serves
      continue;
    }
    const { ticket } = selection;
    waiting.remove(ticket.id);
    const ahead = aheadByService.get(ticket.serviceId) ?? 0;
    const verdict = visit(ticket, c.freeAt, c.variance, ahead);
    if (verdict === 'stop') return;
    if (verdict === 'skip') continue; // takes no time: the same counter chooses again
    aheadByService.set(ticket.serviceId, ahead + 1);
    c.streak = selection.privileged ? c.streak + 1 : 0;
    c.freeAt += stats.mean(ticket.serviceId);
    c.variance += stats.variance(ticket.serviceId);
    heap.push(c);
    c = heap.pop();
  }
}

function toEstimate(
  at: number,
  variance: number,
  ahead: number,
  now: number,
  options: EstimateOptions,
): WaitEstimate {
  const expectedMs = Math.max(0, at - now);
  const spread = (options.z ?? 1.28) * Math.sqrt(variance) + (options.slack ?? 0.15) * expectedMs;
  return {
    ahead,
    expectedMs,
    lowMs: Math.max(0, expectedMs - spread),
    highMs: expectedMs + spread,
  };
}

/**
 * Estimated waits of every waiting ticket. A ticket no open or paused counter serves is
 * absent from the result: its wait cannot be known until a counter opens.
 */
export function estimateWaits(
  queue: CenterQueue,
  stats: HandlingStats,
  now: number,
  options: EstimateOptions = {},
): Map<string, WaitEstimate> {
  const out = new Map<string, WaitEstimate>();
  project(queue, queue.waiting.clone(), stats, now, options, (ticket, at, variance, ahead) => {
    out.set(ticket.id, toEstimate(at, variance, ahead, now, options));
    return 'serve';
  });
  return out;
}

export interface TicketDraft {
  readonly serviceId: string;
  readonly priority?: PriorityClass;
  readonly appointmentAt?: number | null;
}

/** A ticket that is not issued: it only asks when it would be called. */
function probeTicket(draft: TicketDraft, now: number): Ticket {
  return {
    id: `\u0000probe|${draft.serviceId}|${draft.priority ?? PriorityClass.Regular}`,
    number: '',
    day: '',
    language: 'az',
    priority: draft.priority ?? PriorityClass.Regular,
    priorityReason: null,
    appointmentAt: draft.appointmentAt ?? null,
    issuedAt: now,
    status: 'issued',
    serviceId: draft.serviceId,
    targetCounterId: null,
    queuedAt: now,
    counterId: null,
    calledAt: null,
    firstCalledAt: null,
    recalls: 0,
    startedAt: null,
    endedAt: null,
    transfers: 0,
  };
}

/**
 * When each draft would be called if issued now, in one projection of the drafts' group of
 * services and counters (only it can delay them). A draft is called in zero time: it does not
 * delay the tickets after it, nor the other drafts, so each estimate is the one it would get
 * alone. A draft no open or paused counter serves gets none.
 */
function projectDrafts(
  queue: CenterQueue,
  stats: HandlingStats,
  group: ServiceGroup,
  drafts: readonly TicketDraft[],
  now: number,
  options: EstimateOptions,
): Map<TicketDraft, WaitEstimate> {
  const probes = new Map(drafts.map((d) => [probeTicket(d, now), d]));
  const waiting = queue.waiting.clone(group);
  for (const probe of probes.keys()) waiting.enqueue(probe);
  const out = new Map<TicketDraft, WaitEstimate>();
  project(
    queue,
    waiting,
    stats,
    now,
    options,
    (ticket, at, variance, ahead) => {
      const draft = probes.get(ticket);
      if (!draft) return 'serve';
      out.set(draft, toEstimate(at, variance, ahead, now, options));
      return out.size === probes.size ? 'stop' : 'skip';
    },
    group,
  );
  return out;
}

/** Estimated wait of a ticket not yet issued (what the kiosk shows before printing). */
export function estimateNewTicket(
  queue: CenterQueue,
  stats: HandlingStats,
  draft: TicketDraft,
  now: number,
  options: EstimateOptions = {},
): WaitEstimate | null {
  const group = queue.index.groups.get(draft.serviceId);
  if (!group) return null;
  return projectDrafts(queue, stats, group, [draft], now, options).get(draft) ?? null;
}

/**
 * Estimated waits of a new ticket of every service of a group and every priority class, from
 * one projection: what one new ticket costs, for all of them at once. Keyed by service id,
 * then class; a service no counter works at has none.
 */
export function estimateNewTickets(
  queue: CenterQueue,
  stats: HandlingStats,
  group: ServiceGroup,
  now: number,
  options: EstimateOptions = {},
): Map<string, Map<PriorityClass, WaitEstimate>> {
  const drafts = [...group.services].flatMap((serviceId) =>
    Object.values(PriorityClass).map((priority): TicketDraft => ({ serviceId, priority })),
  );
  const out = new Map<string, Map<PriorityClass, WaitEstimate>>();
  for (const [draft, estimate] of projectDrafts(queue, stats, group, drafts, now, options)) {
    let byClass = out.get(draft.serviceId);
    if (!byClass) out.set(draft.serviceId, (byClass = new Map()));
    byClass.set(draft.priority!, estimate);
  }
  return out;
}

/**
 * The estimate kiosks in the field have always shown: people ahead × mean handling time ÷
 * open counters for the service. Kept as the baseline the simulation measures against.
 */
export function naiveEstimate(queue: CenterQueue, stats: HandlingStats, serviceId: string): number {
  const ahead = queue.waiting.waitingIn(serviceId);
  let open = 0;
  for (const c of queue.index.countersByService.get(serviceId) ?? [])
    if (queue.counter(c.id).status === CounterStatus.Open) open++;
  return (ahead * stats.mean(serviceId)) / Math.max(1, open);
}
