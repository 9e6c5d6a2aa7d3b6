import { MinHeap } from '@novbe/core';

/** A time-ordered queue of simulation events; equal times pop in insertion order. */
export class EventQueue<E> {
  readonly #heap = new MinHeap<{ at: number; seq: number; event: E }>(
    (x, y) => x.at < y.at || (x.at === y.at && x.seq < y.seq),
  );
  #seq = 0;

  get size(): number {
    return this.#heap.size;
  }

  push(at: number, event: E): void {
    this.#heap.push({ at, seq: this.#seq++, event });
  }

  pop(): { at: number; event: E } | undefined {
    return this.#heap.pop();
  }
}
