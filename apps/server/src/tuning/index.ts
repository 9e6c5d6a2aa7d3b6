/**
 * The center server's process-level tuning, in one place: each knob says what it buys and how
 * it was measured (`npm run bench:server`, docs/benchmarks.md).
 *
 * - `SERVER_NODE_FLAGS` (node-flags.ts): node's flags for the server: a small young generation.
 * - `SERVER_ENV` (malloc.ts): glibc's malloc gives large blocks back (password hashes).
 * - `lowerHelperThreads` (thread-priority.ts): every helper thread at niceness 19, so the thread
 *   answering requests is never kept waiting behind one on a shared core.
 * - `PASSWORD_HASHING` (password-hashing.ts): how many threads hash passwords, at what priority.
 *
 * The wait-estimate reuse and the WAL group sync are the domain's and the store's own.
 */
export * from './malloc';
export * from './node-flags';
export * from './password-hashing';
export * from './thread-priority';
