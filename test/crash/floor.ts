/**
 * A center floor under load, for one life of the server: kiosks issuing online, a kiosk
 * draining an offline outbox from its leased numbers, operators calling, starting and
 * finishing at their counters. Every answer goes into the ledger; whatever was in flight when
 * the server died waits for the next life, as a real kiosk's retry and outbox would.
 */
import { createCenterClient, ProtocolError, type CenterClient, type OfflineTicket } from '@novbe/protocol';
import { ulid } from 'ulid';
import type { Ledger } from './ledger';

/** Online kiosks, each with this many requests in flight. */
const KIOSKS = 3;
const PER_KIOSK = 2;
const SERVICES = ['dim-id-card', 'dim-passport', 'just-poa', 'sp-pension'];
/** Operators and the counter each works (their agency's). */
export const OPERATORS = [
  { staffId: 'staff-aysel', login: 'aysel', counterId: 'counter-1' },
  { staffId: 'staff-rauf', login: 'rauf', counterId: 'counter-2' },
  { staffId: 'staff-leyla', login: 'leyla', counterId: 'counter-6' },
];
const OFFLINE_SERVICE = 'dim-passport';
const OFFLINE_BATCH = 5;

/** Tokens survive restarts (they are in the database): the floor is set up once. */
export interface FloorTokens {
  readonly kiosks: readonly string[];
  readonly offlineKiosk: string;
  readonly operators: readonly string[];
}

/** What carries over from one life of the server to the next, as a device's disk would. */
export interface FloorMemory {
  /** Online issues whose answer never came, by ticket id: retried by the same kiosk, same id. */
  readonly pendingIssues: Map<string, { readonly serviceId: string; readonly kiosk: number }>;
  /** The offline kiosk's outbox: tickets not yet acknowledged by a sync. */
  readonly outbox: OfflineTicket[];
  /** The offline kiosk's current lease: its day, the next number to use and the last one. */
  lease: { id: string; prefix: string; day: string; next: number; last: number } | null;
  /** The center day of each outbox ticket (its lease's). */
  readonly outboxDays: Map<string, string>;
}

export function newFloorMemory(): FloorMemory {
  return { pendingIssues: new Map(), outbox: [], lease: null, outboxDays: new Map() };
}

/** Pairs the kiosks and logs the operators in (with passwords the admin sets). */
export async function setUpFloor(baseUrl: string, adminPassword: string): Promise<FloorTokens> {
  const anon = createCenterClient({ baseUrl, timeoutMs: 10_000 });
  const admin = anon.withToken(
    (await anon.login({ body: { login: 'admin', password: adminPassword } })).token,
  );
  const pair = async (name: string) => {
    const { code } = await admin.createPairingCode({ body: { role: 'kiosk', name } });
    return (await anon.pair({ body: { code } })).token;
  };
  const kiosks = [];
  for (let k = 1; k <= KIOSKS; k++) kiosks.push(await pair(`Kiosk ${k}`));
  const offlineKiosk = await pair('Offline kiosk');
  const operators = [];
  for (const o of OPERATORS) {
    const password = `${o.login}-crash-password`;
    const res = await fetch(new URL(`/v1/staff/${o.staffId}/password`, baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.options.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password }),
    });
    if (!res.ok) throw new Error(`setting ${o.login}'s password: ${res.status} ${await res.text()}`);
    operators.push((await anon.login({ body: { login: o.login, password } })).token);
  }
  return { kiosks, offlineKiosk, operators };
}

/** An answer refusing the request (not a connection the killed server dropped). */
const refused = (e: unknown) => e instanceof ProtocolError && e.status !== undefined;

/**
 * Runs the floor against the server at `baseUrl` until `stop()` or until the server stops
 * answering; resolves when every actor has stopped.
 */
export function runFloor(options: {
  baseUrl: string;
  tokens: FloorTokens;
  memory: FloorMemory;
  ledger: Ledger;
  cycle: number;
}): { stop(): void; done: Promise<void> } {
  const { baseUrl, tokens, memory, ledger, cycle } = options;
  let stopped = false;
  const client = (token: string): CenterClient => createCenterClient({ baseUrl, token, timeoutMs: 10_000 });

  const issuing = async (k: number, lane: number) => {
    const kiosk = client(tokens.kiosks[k]!);
    for (let i = 0; !stopped; i++) {
      const id = ulid();
      const serviceId = SERVICES[(lane + i) % SERVICES.length]!;
      memory.pendingIssues.set(id, { serviceId, kiosk: k });
      try {
        const { ticket } = await kiosk.issueTicket({ body: { id, serviceId, language: 'az' } });
        memory.pendingIssues.delete(id);
        ledger.ticket({ id, number: ticket.number, day: ticket.day, offline: false, cycle });
      } catch (e) {
        if (refused(e)) {
          memory.pendingIssues.delete(id);
          ledger.problems.push(`issuing ${id} refused: ${(e as Error).message}`);
        }
        return; // the server is gone: the id stays pending
      }
    }
  };

  const offline = async (kiosk: CenterClient) => {
    while (!stopped) {
      try {
        if (memory.outbox.length < OFFLINE_BATCH) {
          if (!memory.lease || memory.lease.next > memory.lease.last) {
            const { leases } = await kiosk.leaseNumbers({
              body: { serviceIds: [OFFLINE_SERVICE], size: 20 },
            });
            const l = leases[0]!;
            memory.lease = { id: l.id, prefix: l.prefix, day: l.day, next: l.first, last: l.last };
          }
          const lease = memory.lease;
          const id = ulid();
          memory.outboxDays.set(id, lease.day);
          memory.outbox.push({
            id,
            serviceId: OFFLINE_SERVICE,
            language: 'ru',
            number: `${lease.prefix}-${String(lease.next++).padStart(3, '0')}`,
            issuedAt: Date.now(),
            leaseId: lease.id,
          });
          continue;
        }
        await sync(kiosk);
      } catch (e) {
        if (refused(e)) ledger.problems.push(`offline kiosk refused: ${(e as Error).message}`);
        return;
      }
    }
  };
  const sync = (kiosk: CenterClient) => drainOutbox(kiosk, memory, ledger, cycle);

  const working = async (operator: CenterClient, counterId: string) => {
    const command = (action: 'open' | 'call-next' | 'start' | 'finish') =>
      operator.counterCommand({ params: { id: counterId }, body: { action } });
    try {
      // Where the last life left the counter: closed, or open with a ticket in hand.
      const counters = await operator.counters();
      const mine = counters.find((c) => c.id === counterId)!;
      if (mine.status !== 'open') await command('open');
      if (mine.ticketId) {
        const held = await operator.ticket({ params: { id: mine.ticketId } });
        if (held.status === 'called') {
          await command('start');
          ledger.stage(mine.ticketId, 'serving');
        }
        await command('finish');
        ledger.stage(mine.ticketId, 'done');
      }
      while (!stopped) {
        const { called } = await command('call-next');
        if (!called) {
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        ledger.stage(called.ticketId, 'called');
        await command('start');
        ledger.stage(called.ticketId, 'serving');
        await command('finish');
        ledger.stage(called.ticketId, 'done');
      }
    } catch (e) {
      if (refused(e)) ledger.problems.push(`${counterId}: ${(e as Error).message}`);
    }
  };

  const actors: Promise<void>[] = [];
  tokens.kiosks.forEach((_, k) => {
    for (let j = 0; j < PER_KIOSK; j++) actors.push(issuing(k, k * PER_KIOSK + j));
  });
  actors.push(offline(client(tokens.offlineKiosk)));
  OPERATORS.forEach((o, i) => actors.push(working(client(tokens.operators[i]!), o.counterId)));
  return {
    stop: () => (stopped = true),
    done: Promise.all(actors).then(() => undefined),
  };
}

/**
 * After a restart, before new load: what a device does first. Kiosks retry the issues whose
 * answer they never got (same id: the server answers the same ticket if it took it), and the
 * offline kiosk drains its outbox.
 */
export async function retryPending(options: {
  baseUrl: string;
  tokens: FloorTokens;
  memory: FloorMemory;
  ledger: Ledger;
  cycle: number;
}): Promise<void> {
  const { baseUrl, tokens, memory, ledger, cycle } = options;
  for (const [id, { serviceId, kiosk: k }] of memory.pendingIssues) {
    const kiosk = createCenterClient({ baseUrl, token: tokens.kiosks[k]!, timeoutMs: 10_000 });
    try {
      const { ticket } = await kiosk.issueTicket({ body: { id, serviceId, language: 'az' } });
      ledger.ticket({ id, number: ticket.number, day: ticket.day, offline: false, cycle });
    } catch (e) {
      ledger.problems.push(`retrying ${id} after the restart: ${(e as Error).message}`);
    }
    memory.pendingIssues.delete(id);
  }
  const offlineKiosk = createCenterClient({ baseUrl, token: tokens.offlineKiosk, timeoutMs: 10_000 });
  while (memory.outbox.length) await drainOutbox(offlineKiosk, memory, ledger, cycle);
}

/** Sends the oldest tickets of the outbox; those the server answered for leave it. */
async function drainOutbox(kiosk: CenterClient, memory: FloorMemory, ledger: Ledger, cycle: number) {
  const batch = memory.outbox.slice(0, OFFLINE_BATCH * 2);
  const { results } = await kiosk.syncTickets({ body: { tickets: batch } });
  for (const r of results) {
    const t = batch.find((b) => b.id === r.id)!;
    if (r.outcome === 'rejected') ledger.problems.push(`offline ${t.number} (${t.id}) rejected: ${r.reason}`);
    else
      ledger.ticket({ id: t.id, number: t.number, day: memory.outboxDays.get(t.id)!, offline: true, cycle });
    memory.outbox.splice(memory.outbox.indexOf(t), 1);
    memory.outboxDays.delete(t.id);
  }
}
