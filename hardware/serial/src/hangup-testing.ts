import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves with `promise`, or rejects if it takes longer than `ms`: for hang-up tests of drivers. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    sleep(ms, undefined, { ref: false }).then(() => Promise.reject(new Error(`${what} within ${ms} ms`))),
  ]);
}

/** Share of one core this process used over the next `ms` (all threads: a spinning read is in libuv's pool). */
export async function coreShareOver(ms: number): Promise<number> {
  const before = process.cpuUsage();
  const started = performance.now();
  await sleep(ms);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / (performance.now() - started);
}
