/**
 * What the benchmark reads besides answers: a process's memory and CPU time and the machine's
 * stolen CPU time from /proc (Linux), and the server's own Prometheus metrics.
 */
import { readFileSync } from 'node:fs';

/** Samples a process's resident memory every 200 ms; reads its CPU time on demand. */
export class ProcessProbe {
  #peakRssMb = 0;
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(readonly pid: number) {
    this.#timer = setInterval(() => this.#sample(), 200);
    this.#timer.unref();
  }

  rssMb(): number {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  }

  /** User + system CPU seconds so far (clock ticks of 1/100 s, as on every Linux we ship to). */
  cpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  /** The highest RSS sampled since the last call, the current one included. */
  takePeakMb(): number {
    this.#sample();
    const peak = this.#peakRssMb;
    this.#peakRssMb = 0;
    return peak;
  }

  #sample(): void {
    try {
      this.#peakRssMb = Math.max(this.#peakRssMb, this.rssMb());
    } catch {
      // the process is gone; the bench notices through its exit event
    }
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

/** CPU seconds `probe`'s process and this one spent per second since `start` (see `cpuShare`). */
export interface CpuShare {
  readonly server: number;
  readonly bench: number;
}

/** Starts counting CPU time of the server and of this process; the share of a core each used. */
export function cpuShare(probe: ProcessProbe): () => CpuShare {
  const server0 = probe.cpuSeconds();
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const own = process.cpuUsage(own0);
    return {
      server: (probe.cpuSeconds() - server0) / seconds,
      bench: (own.user + own.system) / 1e6 / seconds,
    };
  };
}

/**
 * CPU time the hypervisor took from this machine's CPUs so far, ms per CPU (`steal` in
 * /proc/stat, in clock ticks of 1/100 s): on a virtual machine, time another guest ran while
 * ours was ready to. Zero on bare metal.
 */
export function stolenMs(): number[] {
  return readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d+ /.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[8]) * 10);
}

/** Starts counting stolen time; what was stolen since, per CPU. */
export function stealSince(): () => number[] {
  const before = stolenMs();
  return () => stolenMs().map((ms, cpu) => ms - (before[cpu] ?? 0));
}

/** The server's Prometheus metrics, read by name (with its labels, if any). */
async function serverMetrics(url: string) {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return (name: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`novbe_${name} `));
    return Number(line?.slice(line.lastIndexOf(' ') + 1));
  };
}

/** The server's heap figures, MB. */
export async function serverMemory(url: string) {
  const metric = await serverMetrics(url);
  const mb = (name: string) => metric(name) / 2 ** 20;
  return {
    heapUsed: mb('nodejs_heap_size_used_bytes'),
    heapTotal: mb('nodejs_heap_size_total_bytes'),
    external: mb('nodejs_external_memory_bytes'),
  };
}

/** Wait-estimate projections the server has made so far. */
export async function serverProjections(url: string) {
  const metric = await serverMetrics(url);
  return {
    request: metric('estimate_projections_total{when="request"}'),
    afterAnswer: metric('estimate_projections_total{when="after_answer"}'),
  };
}
