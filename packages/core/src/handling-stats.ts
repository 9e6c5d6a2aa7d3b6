import type { Center } from './center';

export interface HandlingSnapshot {
  readonly [serviceId: string]: { readonly mean: number; readonly variance: number; readonly n: number };
}

/**
 * Observed counter time per call for each service (call to done, no-show or transfer, so
 * walking up and no-shows are counted), as exponentially weighted mean and variance: recent
 * calls count most, so the estimate follows a slow morning or a new clerk. Starts from the
 * service's configured expected handling time.
 */
export class HandlingStats {
  readonly #stats = new Map<string, { mean: number; variance: number; n: number }>();

  /** `alpha`: weight of each new observation (0.1 ≈ the last 20 calls matter most). */
  constructor(
    center: Center,
    readonly alpha = 0.1,
    snapshot: HandlingSnapshot = {},
  ) {
    for (const s of center.services) {
      const mean = s.expectedHandlingMin * 60_000;
      this.#stats.set(s.id, { ...{ mean, variance: (0.5 * mean) ** 2, n: 0 }, ...snapshot[s.id] });
    }
  }

  /** Records the counter time of one call of a service, in ms. */
  observe(serviceId: string, durationMs: number): void {
    const s = this.#stats.get(serviceId);
    if (!s || !(durationMs >= 0) || !Number.isFinite(durationMs)) return;
    const diff = durationMs - s.mean;
    const incr = this.alpha * diff;
    s.mean += incr;
    s.variance = (1 - this.alpha) * (s.variance + diff * incr);
    s.n += 1;
  }

  /** Expected counter time per call, ms. */
  mean(serviceId: string): number {
    return this.#stats.get(serviceId)?.mean ?? 0;
  }

  variance(serviceId: string): number {
    return this.#stats.get(serviceId)?.variance ?? 0;
  }

  snapshot(): HandlingSnapshot {
    return Object.fromEntries([...this.#stats].map(([id, s]) => [id, { ...s }]));
  }
}
