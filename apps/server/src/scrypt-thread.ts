import type { ScryptOptions } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { PASSWORD_HASHING } from './tuning';

/**
 * The helper thread's code, plain CommonJS evaluated by the Worker (no file to ship beside the
 * bundle). It lowers its own priority first: it starts after `lowerHelperThreads` has run.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
try { require('node:os').setPriority(workerData.niceness); } catch {}
parentPort.on('message', ({ id, password, salt, keylen, options }) => {
  try {
    parentPort.postMessage({ id, key: scryptSync(password, salt, keylen, options) });
  } catch (e) {
    parentPort.postMessage({ id, error: String((e && e.message) || e) });
  }
});
`;

interface Job {
  readonly resolve: (key: Buffer) => void;
  readonly reject: (error: Error) => void;
}

/** One helper thread running scrypt, started on the first job; it keeps no process alive when idle. */
class ScryptThread {
  #worker: Worker | null = null;
  readonly #jobs = new Map<number, Job>();
  #nextId = 0;

  get pending(): number {
    return this.#jobs.size;
  }

  run(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
    const worker = this.#start();
    const id = this.#nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.#jobs.set(id, { resolve, reject });
      if (this.#jobs.size === 1) worker.ref();
      worker.postMessage({ id, password, salt, keylen, options });
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { niceness: PASSWORD_HASHING.niceness },
    });
    worker.unref();
    worker.on('message', ({ id, key, error }: { id: number; key?: Uint8Array; error?: string }) => {
      const job = this.#jobs.get(id);
      if (!job) return;
      this.#settled(id);
      if (key) job.resolve(Buffer.from(key.buffer, key.byteOffset, key.byteLength));
      else job.reject(new Error(`scrypt failed: ${error}`));
    });
    const fail = (error: Error) => {
      // A thread that died takes its jobs with it; the next job starts a new one.
      if (this.#worker === worker) this.#worker = null;
      for (const [id, job] of this.#jobs) {
        this.#settled(id);
        job.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the scrypt thread exited (code ${code})`)));
    this.#worker = worker;
    return worker;
  }

  #settled(id: number): void {
    this.#jobs.delete(id);
    if (this.#jobs.size === 0) this.#worker?.unref();
  }
}

const threads = Array.from({ length: PASSWORD_HASHING.threads }, () => new ScryptThread());

/**
 * scrypt on a helper thread (`PASSWORD_HASHING` in tuning/ says how many), so hashing a
 * password, 16 MB and tens of milliseconds of CPU, never holds up the event loop.
 */
export function scryptOffLoop(
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
): Promise<Buffer> {
  const least = threads.reduce((a, b) => (b.pending < a.pending ? b : a));
  return least.run(password, salt, keylen, options);
}
