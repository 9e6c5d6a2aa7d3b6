import type { Ticket } from './ticket';

/** A ticket's place in a line: ordered by `key`, then by `order` (enqueue order). */
export interface LineEntry {
  readonly ticket: Ticket;
  readonly key: number;
  readonly order: number;
}

function before(a: LineEntry, key: number, order: number): boolean {
  return a.key < key || (a.key === key && a.order < order);
}

/**
 * Tickets kept sorted by a time key. Almost every insert lands at the end (tickets arrive in
 * time order), so inserting is a binary search and an append; removing is a binary search.
 */
export class WaitingLine {
  #items: LineEntry[];

  constructor(items: LineEntry[] = []) {
    this.#items = items;
  }

  get size(): number {
    return this.#items.length;
  }

  head(): LineEntry | undefined {
    return this.#items[0];
  }

  at(index: number): LineEntry | undefined {
    return this.#items[index];
  }

  insert(entry: LineEntry): void {
    const items = this.#items;
    const last = items[items.length - 1];
    if (!last || before(last, entry.key, entry.order)) {
      items.push(entry);
      return;
    }
    items.splice(this.#lowerBound(entry.key, entry.order), 0, entry);
  }

  remove(entry: LineEntry): boolean {
    const i = this.#lowerBound(entry.key, entry.order);
    if (this.#items[i] !== entry) return false;
    if (i === 0) this.#items.shift();
    else this.#items.splice(i, 1);
    return true;
  }

  #lowerBound(key: number, order: number): number {
    let lo = 0;
    let hi = this.#items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.#items[mid]!, key, order)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  clone(): WaitingLine {
    return new WaitingLine(this.#items.slice());
  }

  [Symbol.iterator](): Iterator<LineEntry> {
    return this.#items[Symbol.iterator]();
  }
}
