import { Worker } from 'node:worker_threads';
import type { Db } from './database';

export interface CheckpointerOptions {
  /** How often the worker checkpoints. */
  readonly intervalMs?: number;
  /** Told of a checkpoint the worker could not make (the next one retries). */
  readonly onError?: (message: string) => void;
}

/**
 * Moves WAL checkpoints off the thread that answers requests. By default SQLite checkpoints
 * inside the commit that passes 1,000 WAL pages: a few milliseconds of copying and two syncs
 * for the unlucky request, and every request queued behind it. Here a worker thread with its
 * own connection checkpoints every `intervalMs`, so the WAL stays short and is reused from its
 * start; the main connection keeps a far higher auto-checkpoint as a safety net.
 */
export class Checkpointer {
  readonly #worker: Worker;
  /** Frames in the WAL and frames copied, at the last checkpoint. */
  last: { walFrames: number; copied: number } | null = null;

  constructor(db: Db, options: CheckpointerOptions = {}) {
    // The safety net if the worker falls behind or has died: a commit on the main connection
    // checkpoints by itself past this many WAL pages.
    db.pragma('wal_autocheckpoint = 20000');
    this.#worker = new Worker(new URL('./checkpointer.worker.mjs', import.meta.url), {
      workerData: { file: db.name, intervalMs: options.intervalMs ?? 250 },
      // Plain JavaScript: no loader (tsx) in this thread, a small heap.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    this.#worker.unref();
    this.#worker.on('message', (m: { type: string; walFrames: number; copied: number; message: string }) => {
      if (m.type === 'checkpointed') this.last = { walFrames: m.walFrames, copied: m.copied };
      else options.onError?.(m.message);
    });
    this.#worker.on('error', (e) => options.onError?.(e.message));
  }

  /** Stops the worker; the main connection checkpoints on close as usual. */
  async stop(): Promise<void> {
    if (this.#worker.threadId === -1) return; // already gone
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage('stop');
    await exited;
  }
}
