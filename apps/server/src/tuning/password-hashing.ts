import { HELPER_NICENESS } from './thread-priority';

/**
 * Where staff passwords are hashed (scrypt, 16 MB and ~35 ms of one core each): on helper
 * threads of their own, never on the thread that answers requests.
 *
 * `threads: 1`: one thread, so logins are hashed one after another. Each thread that runs
 * scrypt keeps a 16 MB malloc arena once it has (glibc), plus its own V8 isolate: one helper
 * thread costs ~10 MB more than hashing on the main thread, libuv's pool of four ~32 MB
 * (measured: 50 hashes in a bare node process, RSS +43 MB on one thread, +65 MB on the pool,
 * +33 MB on the main thread). The server's RSS target is 200 MB. A storm of 50 logins on one
 * core is hashed in ~2 s; the calls to the hall screens meanwhile are measured by
 * `npm run bench:server` (`call_to_display_p99_during_logins_ms`).
 *
 * `niceness`: the thread lowers itself like every other helper of the server (thread-priority.ts),
 * so a login storm takes only the CPU the requests leave; it starts on the first login, after
 * `lowerHelperThreads` has run.
 */
export const PASSWORD_HASHING = { threads: 1, niceness: HELPER_NICENESS } as const;
