import { HELPER_NICENESS } from './thread-priority';

/**
 * Where staff passwords are hashed (scrypt: 16 MB and ~35 ms of one core each): on helper
 * threads of their own, never on the thread that answers requests.
 *
 * `threads: 1`: one thread, so logins are hashed one after another (a storm of 50 in ~2 s).
 * Measured by `npm run bench:server` on the same code, with 50 logins always in flight: call →
 * all displays p99 and the server's RSS at most were 1,342 ms and 155 MB with scrypt on the
 * main thread, 33 ms and 243 MB on libuv's pool of four (each pool thread keeps its own 16 MB
 * malloc arena), 15 ms and 181 MB on this one thread, 160–167 MB with `SERVER_ENV` (malloc.ts).
 *
 * `niceness`: the thread lowers itself like every other helper of the server
 * (thread-priority.ts), so a login storm takes only the CPU the requests leave. It starts with
 * the first hash, after `lowerHelperThreads` has run.
 */
export const PASSWORD_HASHING = { threads: 1, niceness: HELPER_NICENESS } as const;
