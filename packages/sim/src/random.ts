import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** Seeded randomness for the simulation: the same seed replays the same day. */
export class Random {
  readonly #rng;

  constructor(seed: number) {
    this.#rng = xoroshiro128plus(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return uniformFloat64(this.#rng);
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal by Box–Muller. */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with the given mean and coefficient of variation: service times are skewed. */
  logNormal(mean: number, cv: number): number {
    const sigma2 = Math.log(1 + cv * cv);
    return mean * Math.exp(Math.sqrt(sigma2) * this.normal() - sigma2 / 2);
  }

  /** An index drawn with the given (not necessarily normalised) weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}
