/**
 * At most `max` failures in any `windowMs`, counted across every caller: a limit that no
 * number of source addresses gets around, beside the per-address limits of
 * `@fastify/rate-limit`. It keeps the times of the last `max` failures only, so it never grows.
 */
export class FailureBudget {
  /** Oldest first. */
  readonly #failures: number[] = [];

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Null while failures may still be tried at `now`; else the ms until one may again. */
  spentFor(now: number): number | null {
    this.#forget(now);
    const oldest = this.#failures[0];
    return this.#failures.length < this.max || oldest === undefined ? null : oldest + this.windowMs - now;
  }

  /** Counts a failure at `now`. */
  record(now: number): void {
    this.#forget(now);
    this.#failures.push(now);
    if (this.#failures.length > this.max) this.#failures.shift();
  }

  #forget(now: number): void {
    while (this.#failures.length > 0 && this.#failures[0]! <= now - this.windowMs) this.#failures.shift();
  }
}
