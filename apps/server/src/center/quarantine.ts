/** An event of the log that could not be read or replayed, kept aside (never deleted). */
export interface QuarantinedEvent {
  readonly seq: number;
  readonly type: string;
  readonly at: number;
  /** Why: the decoding or replay error. */
  readonly reason: string;
}

/**
 * The events kept aside since the server started: a row that does not decode, or an event
 * that does not fit the day it is replayed into (a call of a ticket never issued). The log is
 * append-only, so they stay in it; the center runs on the rest, and admins are told
 * (`/health`, `GET /v1/audit/quarantine`).
 */
export class Quarantine {
  readonly #events = new Map<number, QuarantinedEvent>();
  readonly #listeners = new Set<(event: QuarantinedEvent) => void>();

  /** Keeps an event aside; listeners hear of each event once. */
  add(event: QuarantinedEvent): void {
    if (this.#events.has(event.seq)) return;
    this.#events.set(event.seq, event);
    for (const listener of this.#listeners) listener(event);
  }

  /** Hears of each event kept aside: those so far at once, then each new one. */
  listen(listener: (event: QuarantinedEvent) => void): () => void {
    for (const event of this.list()) listener(event);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get size(): number {
    return this.#events.size;
  }

  has(seq: number): boolean {
    return this.#events.has(seq);
  }

  /** Oldest first. */
  list(): QuarantinedEvent[] {
    return [...this.#events.values()].sort((a, b) => a.seq - b.seq);
  }
}

/** An error's message, for a reason. */
export function reasonOf(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
