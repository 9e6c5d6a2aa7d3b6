import type { CenterIndex, PriorityClass, ServiceGroup, WaitEstimate } from '@novbe/core';
import type { WaitEstimateView } from '@novbe/protocol';
import type { DayState } from './day-state';
import type { Clock } from './errors';
import { estimateView } from './views';

/** How long a projected estimate is reused as it is during a burst of issues. */
const ESTIMATE_REUSE_MS = 1000;
/** Until this age, an older projection still answers while a new one is made after the answer. */
const ESTIMATE_STALE_MS = 5000;

/** One projection of a group of services: a new ticket's estimate for each service and class. */
interface GroupEstimates {
  readonly at: number;
  readonly version: number;
  /** Tickets waiting in each service of the group then. */
  readonly waiting: ReadonlyMap<string, number>;
  readonly estimates: ReadonlyMap<string, ReadonlyMap<PriorityClass, WaitEstimate>>;
}

/** The estimated waits of new tickets, projected per group of services and reused in bursts. */
export class WaitEstimates {
  /** Projections made, inside a request and after the answers. */
  readonly projections = { inRequest: 0, afterAnswer: 0 };
  /** The last projection of each group of services (see `estimateFor`). */
  readonly #cache = new Map<ServiceGroup, GroupEstimates>();
  /** Groups whose projection is renewed once the answers of this turn are out. */
  readonly #renewing = new Set<ServiceGroup>();
  /** The configuration the cached projections are of (a new one has new groups). */
  #index: CenterIndex | null = null;

  constructor(
    private readonly day: DayState,
    private readonly clock: Clock,
  ) {}

  /**
   * The estimated wait of a new ticket. One projection of the service's group (the services
   * sharing its counters) gives every service and class of the group, at a cost of O(tickets
   * waiting in the group), up to a millisecond with thousands waiting. During a burst of issues
   * (a full kiosk hall at opening time) it is reused, moved on by the tickets of the service
   * issued since (each adds one mean handling time shared by the open counters): as it is for a
   * second, then, for up to five seconds, while a new one is made after the answers of this turn
   * are out, so that no ticket waits for it. Any counter event invalidates it.
   */
  estimateFor(serviceId: string, priority: PriorityClass, now: number): WaitEstimateView | null {
    const { index } = this.day;
    if (index !== this.#index) {
      // A new configuration: the projections of the old one's groups are of no use any more.
      this.#cache.clear();
      this.#index = index;
    }
    const group = index.groups.get(serviceId);
    if (!group) return null;
    const waiting = this.day.waitingIn(serviceId);
    let cached = this.#cache.get(group);
    const age = cached ? now - cached.at : Infinity;
    if (
      !cached ||
      age >= ESTIMATE_STALE_MS ||
      cached.version !== this.day.counterVersion ||
      waiting < (cached.waiting.get(serviceId) ?? 0)
    ) {
      cached = this.#projectGroup(group, now);
      this.projections.inRequest++;
    } else if (age >= ESTIMATE_REUSE_MS) this.#renewSoon(group);
    const estimate = cached.estimates.get(serviceId)?.get(priority);
    if (!estimate) return null;
    const extra = waiting - (cached.waiting.get(serviceId) ?? 0);
    if (extra === 0) return estimateView(estimate);
    const open =
      index.countersByService.get(serviceId)?.filter((c) => this.day.counter(c.id).status === 'open')
        .length || 1;
    const shift = (extra * this.day.meanHandling(serviceId)) / open;
    return estimateView({
      ahead: estimate.ahead + extra,
      expectedMs: estimate.expectedMs + shift,
      lowMs: estimate.lowMs + shift,
      highMs: estimate.highMs + shift,
    });
  }

  #projectGroup(group: ServiceGroup, now: number): GroupEstimates {
    const projected: GroupEstimates = {
      at: now,
      version: this.day.counterVersion,
      waiting: new Map([...group.services].map((id) => [id, this.day.waitingIn(id)])),
      estimates: this.day.estimateNewTickets(group, now),
    };
    this.#cache.set(group, projected);
    return projected;
  }

  /**
   * Renews a group's projection on the next turn of the event loop: after this turn's WAL sync
   * and the answers it releases, before the next requests are read.
   */
  #renewSoon(group: ServiceGroup): void {
    if (this.#renewing.has(group)) return;
    this.#renewing.add(group);
    setTimeout(() => {
      this.#renewing.delete(group);
      // Renewed meanwhile by a request, or dropped by a new day or configuration.
      const cached = this.#cache.get(group);
      const now = this.clock();
      if (!cached || now - cached.at < ESTIMATE_REUSE_MS) return;
      this.#projectGroup(group, now);
      this.projections.afterAnswer++;
    }, 0);
  }
}
