import { CenterIndex, CenterQueue, HandlingStats, NumberAllocator } from '@novbe/core';
import { exampleCenterInput } from '@novbe/core/fixtures';
import type { CenterClient, OfflineTicket } from '@novbe/protocol';
import { EventLog } from '@novbe/store';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppointmentRepository } from '../repositories/appointments';
import { SettingsRepository } from '../repositories/settings';
import { loginStaff, pairDevice, rawRequest, startTestServer, type TestServer } from '../testing';
import { CenterLog } from './center-log';
import { CenterService } from './center-service';
import { WaitEstimates } from './estimates';
import { TicketRepository } from './ticket-repository';

/**
 * A failed request leaves no trace in memory, whatever failed. Each request below runs again
 * and again with one failure injected: at the first call of one step, then at the second, …,
 * until it succeeds without reaching the failure. After each failure the server's memory must
 * equal a fresh replay of its database, and the log must not have moved; the request then
 * succeeds when retried, and the server goes on serving.
 */

class InjectedFault extends Error {
  override name = 'InjectedFault';
}

/** What the storage throws (better-sqlite3's errors carry SQLite's code). */
const diskError = () => Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });

type Proto = Record<string, unknown>;
/** A step a request may fail at: a method of a class the server uses. */
interface Site {
  readonly name: string;
  readonly proto: Proto;
  readonly method: string;
  readonly error?: () => Error;
}
const site = (owner: { prototype: unknown; name: string }, method: string, error?: () => Error): Site => ({
  name: `${owner.name}.${method}`,
  proto: owner.prototype as Proto,
  method,
  ...(error ? { error } : {}),
});

// Deciding (reads and checks), moving memory on, writing the log and the projections, answering.
const STORAGE = [site(EventLog, 'append', diskError), site(CenterLog, 'append')];
const PROJECTION = [site(TicketRepository, 'upsert', diskError)];
const READS = [site(CenterQueue, 'ticket'), site(CenterQueue, 'counter')];
const ISSUE = [
  ...STORAGE,
  ...PROJECTION,
  ...READS,
  site(CenterQueue, 'checkIssue'),
  site(CenterQueue, 'issue'),
  site(NumberAllocator, 'peek'),
  site(NumberAllocator, 'reserve'),
  site(WaitEstimates, 'estimateFor'),
];
const COUNTER = [
  ...STORAGE,
  ...PROJECTION,
  ...READS,
  ...['checkOpen', 'checkPause', 'checkClose', 'selectNext', 'checkHeld', 'checkTransfer'].map((m) =>
    site(CenterQueue, m),
  ),
  ...['openCounter', 'pauseCounter', 'closeCounter', 'replayCall', 'recall', 'start', 'finish', 'noShow'].map(
    (m) => site(CenterQueue, m),
  ),
  site(CenterQueue, 'transfer'),
  site(HandlingStats, 'observe'),
];

const MONDAY = Date.parse('2026-11-23T09:50:00+04:00'); // in Baku
let now = MONDAY;
let t: TestServer;
let kiosk: CenterClient;

beforeEach(async () => {
  now = MONDAY;
  t = await startTestServer({ clock: () => now });
  kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
});
afterEach(async () => t?.close());

/** Today's memory as a replay of the server's database makes it, from scratch. */
function freshReplay() {
  const { server } = t;
  return new CenterService(server.db, new CenterIndex(server.service.center), () => now, {
    flush: async () => undefined,
  }).describeMemory();
}

/**
 * Runs `request` with a failure at the first call of a site, then at the second, and so on,
 * checking after every failure that nothing of it stayed, until it runs without reaching the
 * failure; returns that run's answer.
 */
async function noTraceOf<T>(
  s: Site,
  request: () => Promise<T>,
  /** More that a failure must leave as it was (e.g. a settings row). */
  more: () => unknown = () => null,
): Promise<T> {
  for (let nth = 1; ; nth++) {
    expect(nth, `${s.name} keeps failing`).toBeLessThan(60);
    const seq = t.server.service.lastSeq();
    const before = more();
    const original = s.proto[s.method] as (...args: unknown[]) => unknown;
    let calls = 0;
    s.proto[s.method] = function (this: unknown, ...args: unknown[]) {
      if (++calls === nth) throw s.error?.() ?? new InjectedFault(`${s.name}, call ${nth}`);
      return original.apply(this, args);
    };
    let outcome: { answer: T } | { error: unknown };
    try {
      outcome = { answer: await request() };
    } catch (error) {
      outcome = { error };
    } finally {
      s.proto[s.method] = original;
    }
    if (calls < nth) {
      if ('error' in outcome) throw outcome.error;
      expect((await t.server.app.inject('/health')).statusCode).toBe(200);
      return outcome.answer;
    }
    expect('error' in outcome, `${s.name}, call ${nth}: the client heard of no failure`).toBe(true);
    expect(t.server.service.lastSeq(), `${s.name}, call ${nth}: the log moved`).toBe(seq);
    expect(more(), `${s.name}, call ${nth}: something else moved`).toEqual(before);
    expect(t.server.service.describeMemory(), `${s.name}, call ${nth}: memory kept a trace`).toEqual(
      freshReplay(),
    );
  }
}

const storedCenter = () =>
  (t.server.db.prepare("SELECT value FROM settings WHERE key = 'center'").get() as { value: string }).value;

const offline = (number: string, issuedAt = now - 60_000): OfflineTicket => ({
  id: ulid(),
  serviceId: 'dim-id-card',
  language: 'az',
  number,
  issuedAt,
});

describe('a failed request leaves no trace in memory', () => {
  it('issue: online, numbered without gaps however often it failed', async () => {
    const numbers: string[] = [];
    for (const s of ISSUE) {
      const id = ulid();
      const issued = await noTraceOf(s, () =>
        kiosk.issueTicket({ body: { id, serviceId: 'dim-id-card', language: 'az' } }),
      );
      numbers.push(issued.ticket.number);
    }
    expect(numbers).toEqual(ISSUE.map((_, i) => `A-${String(i + 1).padStart(3, '0')}`));
  });

  it('issue: checking in to an appointment, its row marked in the same transaction', async () => {
    const booking = await pairDevice(t.admin, { role: 'booking', name: 'portal' });
    const fin = '5ZK3M9T';
    for (const s of [...ISSUE, site(AppointmentRepository, 'markCheckedIn', diskError)]) {
      // Each check-in uses up its booking: a new one for each step, half an hour later.
      now += 30 * 60_000;
      await booking.bookAppointment({ body: { serviceId: 'just-marriage', slotAt: now + 10 * 60_000, fin } });
      const id = ulid();
      const issued = await noTraceOf(s, () =>
        kiosk.issueTicket({ body: { id, serviceId: 'just-marriage', language: 'az', fin } }),
      );
      expect(issued.appointment).toMatchObject({ outcome: 'checked-in' });
    }
  });

  it('sync: a batch is taken whole or not at all, and its retry is accepted, not a duplicate', async () => {
    const { leases } = await kiosk.leaseNumbers({ body: { serviceIds: ['dim-id-card'], size: 100 } });
    let n = leases[0]!.first;
    const number = (prefix: string) => `${prefix}-${String(n++).padStart(3, '0')}`;
    for (const s of ISSUE) {
      const batch = [offline(number('A')), offline(number('A')), offline(number('K1'))];
      const { results } = await noTraceOf(s, () => kiosk.syncTickets({ body: { tickets: batch } }));
      expect(results.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    }
  });

  it('leases: a block is granted once the event of it is committed', async () => {
    let last = 0;
    for (const s of [...STORAGE, site(NumberAllocator, 'planLease'), site(NumberAllocator, 'reserve')]) {
      const { leases } = await noTraceOf(s, () =>
        kiosk.leaseNumbers({ body: { serviceIds: ['just-poa'], size: 5 } }),
      );
      expect(leases[0]!.first).toBe(last + 1);
      last = leases[0]!.last;
    }
  });

  it('counter commands: open, call, take-over, recall, start, transfer, no-show, finish, pause, close', async () => {
    const aysel = await loginStaff(t.admin, 'staff-aysel', 'aysel');
    const rauf = await loginStaff(t.admin, 'staff-rauf', 'rauf');
    const nigar = await loginStaff(t.admin, 'staff-nigar', 'nigar');
    const at = { params: { id: 'counter-1' } };
    type Body = Parameters<CenterClient['counterCommand']>[0]['body'];
    const command = (who: CenterClient, body: Body) => () => who.counterCommand({ ...at, body });
    for (const s of COUNTER) {
      for (let i = 0; i < 2; i++)
        await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } });
      await noTraceOf(s, command(aysel, { action: 'open' }));
      expect((await noTraceOf(s, command(aysel, { action: 'call-next' }))).called).not.toBeNull();
      await noTraceOf(s, () => nigar.takeOverCounter({ ...at, body: { staffId: 'staff-rauf' } }));
      for (const action of ['recall', 'start'] as const) await noTraceOf(s, command(rauf, { action }));
      await noTraceOf(s, command(rauf, { action: 'transfer', to: { serviceId: 'dim-passport' } }));
      for (const action of [
        'call-next',
        'no-show',
        'call-next',
        'start',
        'finish',
        'pause',
        'close',
      ] as const)
        await noTraceOf(s, command(rauf, { action }));
      expect(t.server.service.counter('counter-1')).toMatchObject({ status: 'closed', ticketId: null });
    }
  });

  it('cancel: a waiting ticket', async () => {
    for (const s of [
      ...STORAGE,
      ...PROJECTION,
      site(CenterQueue, 'checkCancel'),
      site(CenterQueue, 'cancel'),
    ]) {
      const { ticket } = await kiosk.issueTicket({
        body: { id: ulid(), serviceId: 'just-poa', language: 'az' },
      });
      const cancelled = await noTraceOf(s, () => t.admin.cancelTicket({ params: { id: ticket.id } }));
      expect(cancelled).toMatchObject({ status: 'cancelled' });
    }
  });

  it('config changes: the new configuration is in force only once committed', async () => {
    // A day to replay under each new configuration: tickets, a counter open, a call.
    for (let i = 0; i < 3; i++)
      await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'just-poa', language: 'az' } });
    const leyla = await loginStaff(t.admin, 'staff-leyla', 'leyla');
    await leyla.counterCommand({ params: { id: 'counter-11' }, body: { action: 'open' } });
    await leyla.counterCommand({ params: { id: 'counter-11' }, body: { action: 'call-next' } });
    const sites = [
      ...STORAGE,
      site(SettingsRepository, 'set', diskError),
      site(CenterQueue, 'issue'),
      site(CenterQueue, 'openCounter'),
      site(CenterQueue, 'replayCall'),
    ];
    const poaName = () => t.server.service.center.services.find((x) => x.id === 'just-poa')!.name.en;
    for (const [i, s] of sites.entries()) {
      const renamed = structuredClone(exampleCenterInput);
      renamed.services.find((x) => x.id === 'just-poa')!.name.en = `Power of attorney ${i}`;
      const put = async () => {
        const { status } = await rawRequest(t.url, '/v1/center', {
          method: 'PUT',
          token: t.admin.options.token!,
          body: JSON.stringify(renamed),
        });
        if (status !== 200) throw new Error(`PUT /v1/center: ${status}`);
      };
      await noTraceOf(s, put, () => [storedCenter(), poaName()]);
      expect(poaName()).toBe(`Power of attorney ${i}`);
    }
  });
});
