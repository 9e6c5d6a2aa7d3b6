/**
 * One fuzz run against a real server process: set up the callers, send the seeded stream of
 * cases (a few at a time), judge every answer, then check the server still stands: `/health`
 * answers, a clean stop exits 0, and a start on the same data directory replays the log to
 * the same state (same last event, same counters, tickets and waiting lines) with an intact
 * audit chain.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startServerProcess, type ServerProcess } from '../server-process';
import { allows, contract, type RouteSpec } from '@novbe/protocol';
import { Callers, CALLERS, FUZZ_LOGIN } from './callers';
import { mustWelcome, judgeHttp, judgeStream, type StreamAnswer } from './judge';
import { fuzzCases, TOKEN, type FuzzCase, type FuzzWorld, type HttpCase, type StreamCase } from './requests';
import { callJson, closeAgents, sendRaw } from './send';
import { centerDay, type Center } from '@novbe/core';

const ADMIN_PASSWORD = 'fuzz-admin-password';
/** FINs the valid requests book, look up and issue with. */
const FINS = ['5ZJ3K9A', '1AB2C3D', '7XY8Z9W', 'AAAAAAA', '0000000'];

export interface FuzzOptions {
  readonly seed: number;
  /** How many cases to send (HTTP requests and event-stream hellos). */
  readonly cases: number;
  /** Cases in flight at once. */
  readonly concurrency?: number;
  /** Progress for people (the soak prints it). */
  readonly log?: (line: string) => void;
}

export interface FuzzFailure {
  readonly index: number;
  readonly problem: string;
  readonly request: string;
  /** The server's error log line about it, when it wrote one. */
  readonly serverLog?: string;
}

export interface FuzzReport {
  readonly seed: number;
  readonly cases: number;
  readonly httpRequests: number;
  readonly streams: number;
  /** Requests node:http would not send (a header it refuses): not counted as sent. */
  readonly unsendable: number;
  /** Answers by HTTP status. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Answers by route, then by status: which routes the valid requests got through to. */
  readonly routes: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Answers ≥ 500 (HTTP), and internal errors on the stream. */
  readonly serverErrors: number;
  readonly failures: readonly FuzzFailure[];
  /** Times a caller was set up again after the fuzz ended its session. */
  readonly renewals: number;
  /** What the health and restart checks found wrong (empty when all is well). */
  readonly afterwards: readonly string[];
  readonly durationMs: number;
}

/** A case in one line, for a failure report. */
export function describeCase(c: FuzzCase): string {
  if (c.kind === 'stream') return `WS /v1/events by ${c.caller}: ${JSON.stringify(c.message).slice(0, 300)}`;
  const body =
    c.body === undefined
      ? ''
      : ` body ${JSON.stringify(c.body.slice(0, 300))}${c.body.length > 300 ? `… (${c.body.length} chars)` : ''}`;
  const headers = Object.entries(c.headers)
    .filter(([k]) => k !== 'content-length')
    .map(([k, v]) => `${k}: ${v.slice(0, 60)}`)
    .join('; ');
  return `${c.route} (${c.shape}${c.note ? `: ${c.note}` : ''}) by ${c.caller}: ${c.method} ${c.path.slice(0, 300)} [${headers}]${body}`;
}

/** Runs one fuzz campaign on a fresh server and data directory, which it removes afterwards. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const dataDir = mkdtempSync(join(tmpdir(), 'novbe-fuzz-'));
  let server: ServerProcess | null = null;
  try {
    server = await startServerProcess({ dataDir, adminPassword: ADMIN_PASSWORD, logLevel: 'error' });
    const port = server.port;
    const callers = new Callers(port, ADMIN_PASSWORD);
    await callers.setUp();
    const center = await callJson<Center>(port, 'GET', '/v1/center', { token: await callers.adminToken() });
    const world: FuzzWorld = {
      center,
      ticketIds: fc.sample(fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/), {
        seed: options.seed,
        numRuns: 40,
      }),
      fins: FINS,
      doomedDeviceIds: callers.doomedDeviceIds(),
      slots: await freeSlots(port, await callers.adminToken(), center),
      login: FUZZ_LOGIN,
      now: Date.now(),
    };
    const [stream] = fc.sample(fc.infiniteStream(fuzzCases(world)), { seed: options.seed, numRuns: 1 });
    const cases = stream!.take(options.cases)[Symbol.iterator]();

    const statuses: Record<string, number> = {};
    const routes: Record<string, Record<string, number>> = {};
    const failures: FuzzFailure[] = [];
    let index = 0;
    let httpRequests = 0;
    let streams = 0;
    let unsendable = 0;
    let serverErrors = 0;
    let died: string | null = null;
    const live = server;
    void live.exited.then(
      ({ code, signal }) => (died = `the server exited (code ${code}, signal ${signal})`),
    );
    const errorLogLine = () =>
      live
        .output()
        .reverse()
        .find((line) => /"level":(50|60)/.test(line))
        ?.slice(0, 2000);

    const worker = async () => {
      for (;;) {
        if (died) return;
        const next = cases.next();
        if (next.done) return;
        const i = index++;
        const c = next.value;
        let problem: string | null;
        if (c.kind === 'stream') {
          streams++;
          const token = callers.token(c.caller);
          const { answer, welcome } = await sendStream(port, c, token);
          problem = judgeStream(answer, welcome);
          // A session the fuzz itself ended (a logout, a password reset) is refused rightly.
          if (
            problem &&
            answer.kind === 'message' &&
            answer.code === 'unauthorized' &&
            !(await stillValid(token))
          )
            problem = null;
          if (answer.kind === 'message' && answer.code === 'unauthorized')
            await callers.renew(c.caller, token);
          if (answer.kind === 'message' && answer.code === 'internal') serverErrors++;
          if (answer.kind === 'refused') statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
          if (answer.kind === 'refused' && answer.status >= 500) serverErrors++;
        } else {
          const token = callers.token(c.caller);
          const headers: Record<string, string> = { ...c.headers };
          if (c.callerAuth && token) headers.authorization = `Bearer ${token}`;
          const answer = await sendRaw(port, { method: c.method, path: c.path, headers, body: c.body });
          if (!answer.ok && answer.unsendable) {
            unsendable++;
            continue;
          }
          httpRequests++;
          problem = judgeHttp(c, answer);
          if (answer.ok && answer.status === 401 && c.callerAuth && c.input && token !== undefined) {
            const spec: RouteSpec = contract[c.route];
            if (spec.allow !== 'public' && allows(spec.allow, CALLERS[c.caller]) && (await stillValid(token)))
              problem = 'refused (401) a token that still works';
          }
          if (answer.ok) {
            statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
            const route = (routes[c.route] ??= {});
            route[answer.status] = (route[answer.status] ?? 0) + 1;
            if (answer.status >= 500) serverErrors++;
            await afterAnswer(c, answer.status, token);
          }
        }
        if (problem) {
          await sleep(100); // the server's log line about it may still be in the pipe
          const serverLog = errorLogLine();
          failures.push({ index: i, problem, request: describeCase(c), ...(serverLog ? { serverLog } : {}) });
        }
        if ((i + 1) % 1000 === 0)
          log(`  fuzz: ${i + 1} cases, ${serverErrors} answers ≥ 500, ${failures.length} failures`);
      }
    };
    /** Whether the server still takes `token` (every principal may read the center). */
    const stillValid = async (token: string | undefined) => {
      if (token === undefined) return false;
      const a = await sendRaw(port, {
        method: 'GET',
        path: '/v1/center',
        headers: { authorization: `Bearer ${token}` },
      });
      return a.ok && a.status === 200;
    };
    /** Keeps the run going: callers whose session the fuzz ended, the configuration it changed. */
    const afterAnswer = async (c: HttpCase, status: number, token: string | undefined) => {
      // A caller the fuzz logged out, or whose token a guarded route refused, is set up again.
      const guarded = contract[c.route].allow !== 'public';
      const ended = (status === 401 && guarded) || (c.route === 'logout' && status === 200);
      if (ended && token !== undefined && c.callerAuth && c.input) await callers.renew(c.caller, token);
      if (c.route === 'setCenter' && status === 200)
        // Back to the center the valid requests know (refused when today's tickets no longer fit).
        await callJson(port, 'PUT', '/v1/center', { token: await callers.adminToken(), body: center }).catch(
          () => undefined,
        );
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    if (died)
      failures.push({
        index,
        problem: died,
        request: '(during the run)',
        serverLog: live.output().slice(-20).join('\n'),
      });
    closeAgents();

    const afterwards = died ? [] : await checkAfterwards(live, callers, world, dataDir, log);
    server = null; // checkAfterwards stopped it
    return {
      seed: options.seed,
      cases: index,
      httpRequests,
      streams,
      unsendable,
      statuses,
      routes,
      serverErrors,
      failures,
      renewals: callers.renewals,
      afterwards,
      durationMs: Date.now() - started,
    };
  } finally {
    closeAgents();
    if (server) await server.kill9();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Free appointment slots of a few services over the next days, as the server offers them. */
async function freeSlots(port: number, token: string, center: Center): Promise<FuzzWorld['slots']> {
  const slots: { serviceId: string; at: number }[] = [];
  const services = center.services.filter((s) => s.appointmentSlotMin).slice(0, 4);
  for (const s of services)
    for (let d = 0; d < 4; d++) {
      const date = centerDay(Date.now() + d * 86_400_000, center.hours);
      const { slots: free } = await callJson<{ slots: { at: number; free: number }[] }>(
        port,
        'GET',
        `/v1/appointments/slots?serviceId=${s.id}&date=${date}`,
        { token },
      );
      slots.push(
        ...free
          .filter((f) => f.free > 0)
          .slice(0, 5)
          .map((f) => ({ serviceId: s.id, at: f.at })),
      );
    }
  return slots;
}

/** The first answer of the event stream to the case's first message. */
async function sendStream(
  port: number,
  c: StreamCase,
  token: string | undefined,
): Promise<{ answer: StreamAnswer; welcome: boolean | null }> {
  let sent: unknown;
  let text: string;
  if ('hello' in c.message) {
    sent = { ...c.message.hello };
    if ((sent as { token?: unknown }).token === TOKEN) (sent as { token?: unknown }).token = token ?? '';
    text = JSON.stringify(sent);
  } else text = c.message.text;
  const welcome = mustWelcome(c, sent, token);
  const answer = await new Promise<StreamAnswer>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/events`);
    const done = (a: StreamAnswer) => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      resolve(a);
    };
    const timer = setTimeout(() => done({ kind: 'silent' }), 8000);
    ws.on('unexpected-response', (_req, res) => done({ kind: 'refused', status: res.statusCode ?? 0 }));
    ws.on('error', (e) => done({ kind: 'failed', error: e.message }));
    ws.on('open', () => ws.send(text));
    ws.on('message', (data) => {
      try {
        const m = JSON.parse(String(data)) as { type?: string; error?: { code?: string } };
        done({ kind: 'message', type: String(m.type), ...(m.error?.code ? { code: m.error.code } : {}) });
      } catch {
        done({ kind: 'message', type: 'not JSON' });
      }
    });
    ws.on('close', (code, reason) => done({ kind: 'closed', code, reason: String(reason) }));
  });
  return { answer, welcome };
}

/** What the server shows of its state: to compare before a restart and after. */
async function stateOf(port: number, token: string, world: FuzzWorld) {
  const get = async (path: string) => {
    const a = await sendRaw(port, { method: 'GET', path, headers: { authorization: `Bearer ${token}` } });
    return a.ok ? `${a.status} ${a.text}` : `no answer: ${a.error}`;
  };
  const state: Record<string, string> = {};
  state.health = String((JSON.parse((await get('/health')).slice(4)) as { seq?: number }).seq);
  state.counters = await get('/v1/counters');
  for (const id of world.ticketIds) state[`ticket ${id}`] = await get(`/v1/tickets/${id}`);
  for (const s of world.center.services) {
    const answer = await get(`/v1/services/${s.id}/estimate`);
    const waiting = /"waiting":(\d+)/.exec(answer)?.[1];
    state[`waiting ${s.id}`] = waiting ?? answer.slice(0, 100);
  }
  return state;
}

/** `/health` after the run, a clean stop, and a start on the same data directory. */
async function checkAfterwards(
  server: ServerProcess,
  callers: Callers,
  world: FuzzWorld,
  dataDir: string,
  log: (line: string) => void,
): Promise<string[]> {
  const problems: string[] = [];
  const health = await sendRaw(server.port, { method: 'GET', path: '/health', headers: {} });
  if (!health.ok || health.status !== 200 || !health.text.includes('"status":"ok"'))
    problems.push(`/health after the run: ${health.ok ? `${health.status} ${health.text}` : health.error}`);
  const before = await stateOf(server.port, await callers.adminToken(), world);
  closeAgents();
  const exit = await server.stop();
  if (exit.code !== 0) problems.push(`a clean stop exited with code ${exit.code}, signal ${exit.signal}`);
  log('  fuzz: restarting the server on the same data directory');
  let again: ServerProcess;
  try {
    again = await startServerProcess({
      dataDir,
      adminPassword: ADMIN_PASSWORD,
      port: server.port,
      logLevel: 'error',
    });
  } catch (e) {
    return [...problems, `the restart failed: ${(e as Error).message}`];
  }
  try {
    const token = await callers.adminToken();
    const verify = await sendRaw(again.port, {
      method: 'GET',
      path: '/v1/audit/verify',
      headers: { authorization: `Bearer ${token}` },
    });
    if (!verify.ok || verify.status !== 200 || !/"ok":true/.test(verify.text))
      problems.push(
        `/v1/audit/verify after the restart: ${verify.ok ? `${verify.status} ${verify.text}` : verify.error}`,
      );
    const after = await stateOf(again.port, token, world);
    for (const [key, value] of Object.entries(before))
      if (after[key] !== value)
        problems.push(
          `after the restart, ${key} differs:\n    before: ${value.slice(0, 400)}\n    after:  ${after[key]?.slice(0, 400)}`,
        );
  } finally {
    closeAgents();
    const exit = await again.stop();
    if (exit.code !== 0) problems.push(`the restarted server's clean stop exited with code ${exit.code}`);
  }
  return problems;
}
