/**
 * Bytes from the printer, in arrival order, read one at a time with a timeout. The driver runs
 * one exchange at a time, so whatever it reads belongs to the exchange in progress.
 */
export class ByteReader {
  #bytes: number[] = [];
  #waiter: (() => void) | undefined;

  push(chunk: Uint8Array): void {
    for (const b of chunk) this.#bytes.push(b);
    this.#waiter?.();
  }

  /** Drops stale bytes (a late answer to an abandoned query, flow-control noise). */
  flush(): void {
    this.#bytes = [];
  }

  /** The next byte, or undefined when none arrives within `timeoutMs`. */
  async readByte(timeoutMs: number): Promise<number | undefined> {
    if (this.#bytes.length > 0) return this.#bytes.shift();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#waiter = done;
    });
    this.#waiter = undefined;
    return this.#bytes.shift();
  }

  /** Wakes a pending read (the link closed): it returns what is buffered, usually undefined. */
  interrupt(): void {
    this.#waiter?.();
  }
}
