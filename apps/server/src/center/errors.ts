/** Where the center's code reads the time: injected, so tests and replays control it. */
export type Clock = () => number;

/** The storage refused a write (disk full, locked, I/O error): nothing was acknowledged. */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(override readonly cause: unknown) {
    super(`storage unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** A new center configuration that today's tickets do not fit (a service in use removed). */
export class ConfigurationConflictError extends Error {
  override name = 'ConfigurationConflictError';
}
