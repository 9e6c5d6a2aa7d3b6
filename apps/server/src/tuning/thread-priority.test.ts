import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HELPER_NICENESS } from './thread-priority';

// In a process of its own, as the server's main.ts calls it: a worker thread (as the WAL
// checkpointer's) running, then every thread's niceness read back from /proc.
const script = `
import { Worker } from 'node:worker_threads';
import { readdirSync, readFileSync } from 'node:fs';
import { lowerHelperThreads } from ${JSON.stringify(new URL('./thread-priority.ts', import.meta.url).href)};
const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
await new Promise((resolve) => worker.once('online', resolve));
const lowered = await lowerHelperThreads();
const niceness = Object.fromEntries(
  readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
    return [tid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
  }),
);
console.log(JSON.stringify({ pid: process.pid, lowered, niceness }));
process.exit(0);
`;

describe.runIf(process.platform === 'linux')('helper thread priority', () => {
  it('lowers every thread but the main one, the thread pool and worker threads included', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    const { pid, lowered, niceness } = JSON.parse(out) as {
      pid: number;
      lowered: number;
      niceness: Record<string, number>;
    };
    const { [String(pid)]: main, ...helpers } = niceness;
    expect(main).toBe(0);
    // V8's platform threads, libuv's four pool threads and the worker, at least.
    expect(Object.keys(helpers).length).toBeGreaterThanOrEqual(9);
    expect(lowered).toBe(Object.keys(helpers).length);
    expect(new Set(Object.values(helpers))).toEqual(new Set([HELPER_NICENESS]));
  });
});
