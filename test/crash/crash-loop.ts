/**
 * The crash loop: a server process under load (test/crash/floor.ts) is killed with SIGKILL at
 * a seeded moment, started again on the same data directory, and must show every ticket it
 * acknowledged, with its number, at least as far along as a counter was told it went; no
 * number is acknowledged twice. Then the devices retry what they never got an answer for,
 * and the next life begins. At the end the audit chain must be intact.
 */
import { createCenterClient, ProtocolError } from '@novbe/protocol';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServerProcess, type ServerProcess } from '../server-process';
import { newFloorMemory, retryPending, runFloor, setUpFloor } from './floor';
import { Ledger, stageOf } from './ledger';

const ADMIN_PASSWORD = 'crash-loop-admin-password';
/** Older tickets re-read after each restart (all of them at the end). */
const SAMPLE_OLDER = 25;

export interface CrashLoopOptions {
  readonly cycles: number;
  readonly seed: number;
  readonly log?: (line: string) => void;
}

export interface CrashLoopReport {
  readonly seed: number;
  readonly cycles: number;
  /** Tickets the server acknowledged (online answers, accepted or duplicate offline ones). */
  readonly acknowledged: number;
  readonly offlineAcknowledged: number;
  /** Counter commands acknowledged (call, start, finish). */
  readonly commands: number;
  /** Acknowledged tickets a restart did not show (or showed with another number). */
  readonly lost: readonly string[];
  /** Acknowledged calls, starts and finishes a restart undid. */
  readonly undone: readonly string[];
  /** Everything else that went wrong: a number acknowledged twice, a refusal, a failed restart. */
  readonly problems: readonly string[];
  /** Restart times, ms (process start to `/health`). */
  readonly restartMs: readonly number[];
  readonly durationMs: number;
}

/** Where each life is cut: after this many acknowledgements, and this much later. */
function killPoints(seed: number, cycles: number) {
  return fc.sample(
    fc.record({ afterAcks: fc.integer({ min: 5, max: 60 }), delayMs: fc.integer({ min: 0, max: 200 }) }),
    { seed, numRuns: cycles },
  );
}

export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const dataDir = mkdtempSync(join(tmpdir(), 'novbe-crash-loop-'));
  const ledger = new Ledger();
  const memory = newFloorMemory();
  const lost: string[] = [];
  const undone: string[] = [];
  const restartMs: number[] = [];
  let server: ServerProcess | null = null;
  let cycles = 0;
  try {
    server = await startServerProcess({ dataDir, adminPassword: ADMIN_PASSWORD });
    const { port, url } = server;
    const tokens = await setUpFloor(url, ADMIN_PASSWORD);

    /** Reads the tickets back: each must be there, with its number, at least at its stage. */
    const check = async (ids: Iterable<string>) => {
      const reader = createCenterClient({ baseUrl: url, token: tokens.kiosks[0]!, timeoutMs: 10_000 });
      for (const id of ids) {
        const known = ledger.tickets.get(id);
        const stage = ledger.stages.get(id) ?? 0;
        try {
          const t = await reader.ticket({ params: { id } });
          if (known && t.number !== known.number)
            lost.push(
              `cycle ${cycles}: ${id} was acknowledged as ${known.number}, the server shows ${t.number}`,
            );
          if (stageOf(t.status) < stage)
            undone.push(
              `cycle ${cycles}: ${t.number} (${id}) is ${t.status}, though a counter was told it went further`,
            );
        } catch (e) {
          if (e instanceof ProtocolError && e.status === 404)
            lost.push(
              `cycle ${cycles}: ${known?.number ?? 'a called ticket'} (${id}) is gone after the restart`,
            );
          else throw e;
        }
      }
    };

    for (const point of killPoints(options.seed, options.cycles)) {
      cycles++;
      const life = runFloor({ baseUrl: url, tokens, memory, ledger, cycle: cycles });
      const before = ledger.tickets.size + ledger.commands;
      while (ledger.tickets.size + ledger.commands - before < point.afterAcks) {
        if (ledger.problems.length) break;
        await sleep(5);
      }
      await sleep(point.delayMs);
      await server.kill9(); // requests are in flight now
      life.stop();
      await life.done;

      const t0 = Date.now();
      server = await startServerProcess({ dataDir, adminPassword: ADMIN_PASSWORD, port });
      restartMs.push(Date.now() - t0);
      const changed = ledger.takeChanged();
      const older = [...ledger.tickets.keys()].filter((id) => !changed.includes(id));
      await check([...changed, ...sampleOf(older, SAMPLE_OLDER, cycles)]);
      // What the devices never got an answer for: a kiosk retries, the outbox drains.
      await retryPending({ baseUrl: url, tokens, memory, ledger, cycle: cycles });
      await check(ledger.takeChanged());
      log(
        `  crash loop: cycle ${cycles}: ${ledger.tickets.size} tickets and ${ledger.commands} counter commands acknowledged, ` +
          `${lost.length} lost, ${undone.length} undone, restart ${restartMs.at(-1)} ms`,
      );
      if (ledger.problems.length || lost.length || undone.length) break;
    }

    await check(ledger.tickets.keys());
    ledger.problems.push(...(await auditProblems(port)));
    const exit = await server.stop();
    server = null;
    if (exit.code !== 0) ledger.problems.push(`the last clean stop exited with code ${exit.code}`);
  } catch (e) {
    ledger.problems.push(
      `cycle ${cycles}: ${(e as Error).stack ?? String(e)}${server ? `\n${server.output().slice(-20).join('\n')}` : ''}`,
    );
  } finally {
    if (server) await server.kill9();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    seed: options.seed,
    cycles,
    acknowledged: ledger.tickets.size,
    offlineAcknowledged: [...ledger.tickets.values()].filter((t) => t.offline).length,
    commands: ledger.commands,
    lost,
    undone,
    problems: ledger.problems,
    restartMs,
    durationMs: Date.now() - started,
  };
}

/** Up to `n` of `ids`, a different few each cycle. */
function sampleOf(ids: readonly string[], n: number, cycle: number): string[] {
  if (ids.length <= n) return [...ids];
  const step = Math.floor(ids.length / n);
  return Array.from({ length: n }, (_, i) => ids[(i * step + cycle) % ids.length]!);
}

/** What `/v1/audit/verify` finds wrong with the log, as the admin asks it. */
async function auditProblems(port: number): Promise<string[]> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const anon = createCenterClient({ baseUrl, timeoutMs: 10_000 });
  const { token } = await anon.login({ body: { login: 'admin', password: ADMIN_PASSWORD } });
  const res = await fetch(`${baseUrl}/v1/audit/verify`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return res.ok && /"ok":true/.test(text)
    ? []
    : [`/v1/audit/verify at the end: ${res.status} ${text.slice(0, 500)}`];
}
