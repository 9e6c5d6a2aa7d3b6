/** Load generation: tickets to issue, an open-loop schedule at a fixed rate, a closed loop. */
import { setTimeout as sleep } from 'node:timers/promises';
import { percentiles, type Percentiles } from '@novbe/core';
import { exampleCenter } from '@novbe/core/fixtures';
import type { IssueRequest } from '@novbe/protocol';
import { ulid } from 'ulid';
import { issueTimed, type CenterClient } from './center-api';

export const SERVICES = exampleCenter.services.map((s) => s.id);
const LANGUAGES = ['az', 'ru', 'en'] as const;

/** The i-th ticket of a run: services in a stride that visits all 40, some priority citizens. */
export function issueRequest(i: number): IssueRequest {
  return {
    id: ulid(),
    serviceId: SERVICES[(i * 7) % SERVICES.length]!,
    language: LANGUAGES[i % LANGUAGES.length]!,
    ...(i % 10 === 9 ? { priorityReason: 'elderly' as const } : {}),
  };
}

export interface OpenLoopResult {
  /** From the planned send time to the answer: a late send counts against the server's figure. */
  readonly latency: Percentiles;
  /** From the actual send to the answer. */
  readonly service: Percentiles;
  /** Inside the server, from its `server-timing` header. */
  readonly server: Percentiles;
  /** How late the sends left against the plan (the load generator's own delay). */
  readonly sendLag: Percentiles;
  readonly sent: number;
  readonly errors: number;
  readonly firstError: string | null;
  readonly seconds: number;
}

/**
 * Sends `send(i)` at `rate` per second on a fixed schedule, never waiting for earlier answers
 * (open loop), until `done(i)`; latency is measured from each request's planned time, so a
 * stalled server cannot hide its stall by slowing the load (coordinated omission). `send`
 * resolves with the server's own time for the request, or NaN.
 */
export async function openLoop(
  rate: number,
  done: (i: number) => boolean,
  send: (i: number) => Promise<number>,
): Promise<OpenLoopResult> {
  const interval = 1000 / rate;
  const latency: number[] = [];
  const service: number[] = [];
  const server: number[] = [];
  const lag: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now() + 2;
  let i = 0;
  for (; !done(i); i++) {
    const planned = start + i * interval;
    const wait = planned - performance.now();
    if (wait >= 1) await sleep(Math.floor(wait));
    const sentAt = performance.now();
    lag.push(Math.max(0, sentAt - planned));
    const p: Promise<void> = send(i).then(
      (serverMs) => {
        const now = performance.now();
        // A request the timer let out early is timed from its real send: no head start.
        latency.push(now - Math.min(planned, sentAt));
        service.push(now - sentAt);
        if (Number.isFinite(serverMs)) server.push(serverMs);
      },
      (e: unknown) => {
        errors++;
        firstError ??= (e as Error).message;
      },
    );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  await Promise.all(inFlight);
  return {
    latency: percentiles(latency),
    service: percentiles(service),
    server: percentiles(server),
    sendLag: percentiles(lag),
    sent: i,
    errors,
    firstError,
    seconds: (performance.now() - start) / 1000,
  };
}

/** Issues at `rate` over the kiosks in turn until `done`; ticket numbers from `offset` on. */
export function issueAtRate(
  kiosks: readonly CenterClient[],
  rate: number,
  done: (i: number) => boolean,
  offset = 0,
): Promise<OpenLoopResult> {
  return openLoop(rate, done, (i) => issueTimed(kiosks[i % kiosks.length]!, issueRequest(offset + i)));
}

/** `concurrency` workers over the kiosks, each issuing one ticket after another for `seconds`. */
export async function closedLoop(kiosks: readonly CenterClient[], seconds: number, concurrency: number) {
  const latencies: number[] = [];
  const server: number[] = [];
  let errors = 0;
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const serverMs = await issueTimed(kiosks[w % kiosks.length]!, issueRequest(n++));
          latencies.push(performance.now() - t0);
          if (Number.isFinite(serverMs)) server.push(serverMs);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return {
    perSecond: latencies.length / elapsed,
    latency: percentiles(latencies),
    server: percentiles(server),
    errors,
  };
}
