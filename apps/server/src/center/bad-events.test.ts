import { CenterIndex } from '@novbe/core';
import { EVENT_VERSION, type CenterClient, type OfflineTicket } from '@novbe/protocol';
import { EventLog, openDatabase } from '@novbe/store';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { loginStaff, pairDevice, rawRequest, startTestServer, type TestServer } from '../testing';
import { CenterService } from './center-service';

const now = Date.parse('2026-11-23T10:00:00+04:00'); // a Monday in Baku
const clock = () => now;
let t: TestServer;
afterEach(async () => t?.close());

/** Today's memory as a replay of the server's database makes it, from scratch. */
const freshReplay = () =>
  new CenterService(t.server.db, new CenterIndex(t.server.service.center), clock, {
    flush: async () => undefined,
  }).describeMemory();

const restart = async () => {
  const dataDir = t.dataDir;
  await t.close({ keepData: true });
  t = await startTestServer({ clock, dataDir });
};

const health = async () => (await rawRequest(t.url, '/health')).body as Record<string, unknown>;

const offline = (number: string, issuedAt = now - 60_000): OfflineTicket => ({
  id: ulid(),
  serviceId: 'dim-id-card',
  language: 'az',
  number,
  issuedAt,
});

describe('one sync batch cannot stop a center (issue 13, the reported bug)', () => {
  it('a batch with an instant past the date range leaves nothing; the valid ticket, retried, is taken, called, and the server restarts', async () => {
    t = await startTestServer({ clock });
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    const valid = offline('K1-001');
    const seq = t.server.service.lastSeq();
    const memory = t.server.service.describeMemory();

    // As the kiosk sent it: the schema refuses the instant, nothing of the batch is taken.
    const sent = await rawRequest(t.url, '/v1/tickets/sync', {
      method: 'POST',
      token: kiosk.options.token!,
      body: JSON.stringify({ tickets: [valid, { ...valid, id: ulid(), issuedAt: 8_640_000_000_000_001 }] }),
    });
    expect(sent.status).toBe(400);
    expect(sent.body.message).toMatch(/issuedAt/);
    // Past the schema (the command itself fails half-way through the batch): still nothing.
    expect(() =>
      t.server.service.sync('kiosk', [valid, { ...valid, id: ulid(), issuedAt: 8_640_000_000_000_001 }]),
    ).toThrow();
    expect(t.server.service.lastSeq()).toBe(seq);
    expect(t.server.service.findTicket(valid.id)).toBeNull();
    expect(t.server.service.describeMemory()).toEqual(memory);
    expect(t.server.service.describeMemory()).toEqual(freshReplay());

    // The kiosk retries the valid ticket alone: taken, not a "duplicate" it would drop.
    const retried = await kiosk.syncTickets({ body: { tickets: [valid] } });
    expect(retried.results).toEqual([{ id: valid.id, outcome: 'accepted' }]);
    const aysel = await loginStaff(t.admin, 'staff-aysel', 'aysel');
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'open' } });
    const call = await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } });
    expect(call.called).toMatchObject({ ticketId: valid.id, number: 'K1-001' });

    await restart();
    expect(await health()).toMatchObject({ status: 'ok', quarantined: 0 });
    expect(t.server.service.findTicket(valid.id)).toMatchObject({ status: 'called', counterId: 'counter-1' });
  });
});

describe('replay at start never stops the center on one bad event', () => {
  it('keeps aside what cannot be read or does not fit, runs on the rest, and reports it', async () => {
    t = await startTestServer({ clock });
    const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
    for (let i = 0; i < 2; i++)
      await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } });
    const aysel = await loginStaff(t.admin, 'staff-aysel', 'aysel');
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'open' } });
    const before = t.server.service.describeMemory();
    const dataDir = t.dataDir;
    await t.close({ keepData: true });

    // Into the real database's log, hash-chained as the server writes: the call of a ticket
    // never issued (what the reported bug wrote), a row that does not parse, one from newer code.
    const db = openDatabase(join(dataDir, 'center.db'));
    const ghost = {
      type: 'ticket.called',
      counterId: 'counter-1',
      counterNumber: 1,
      hallId: 'hall-1',
      ticketId: ulid(),
      number: 'A-099',
      serviceId: 'dim-id-card',
      reason: 'regular',
      privileged: false,
      outOfOrder: false,
      staffId: 'staff-aysel',
    };
    const bad = db.transaction(() =>
      new EventLog(db).append([
        { at: now, type: 'ticket.called', version: EVENT_VERSION, payload: ghost },
        {
          at: now,
          type: 'ticket.issued',
          version: EVENT_VERSION,
          payload: { type: 'ticket.issued', oops: 1 },
        },
        {
          at: now,
          type: 'ticket.recalled',
          version: EVENT_VERSION + 1,
          payload: { type: 'ticket.recalled' },
        },
      ]),
    )();
    db.close();
    const seqs = bad.map((e) => e.seq);

    t = await startTestServer({ clock, dataDir });
    expect(await health()).toMatchObject({ status: 'degraded', quarantined: 3 });
    expect((await t.server.app.inject('/metrics')).body).toMatch(/^novbe_quarantined_events 3$/m);
    const report = await rawRequest(t.url, '/v1/audit/quarantine', { token: t.admin.options.token! });
    const events = (report.body as unknown as { events: { seq: number; type: string; reason: string }[] })
      .events;
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [seqs[0], 'ticket.called'],
      [seqs[1], 'ticket.issued'],
      [seqs[2], 'ticket.recalled'],
    ]);
    expect(events[0]!.reason).toMatch(/UnknownEntityError: unknown ticket/);
    expect(events[1]!.reason).toMatch(/EventDecodeError/);
    expect(events[2]!.reason).toMatch(/EventVersionTooNewError/);
    // The rest replayed: the day is as it was, and the center serves.
    expect(t.server.service.describeMemory()).toEqual(before);
    const aysel2: CenterClient = t.admin.withToken(aysel.options.token!);
    const call = await aysel2.counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } });
    expect(call.called).toMatchObject({ number: 'A-001' });
    const issued = await t.admin
      .withToken(kiosk.options.token!)
      .issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } });
    expect(issued.ticket.number).toBe('A-003');
    expect((await rawRequest(t.url, '/v1/statistics', { token: t.admin.options.token! })).status).toBe(200);
    // A supervisor's report; not for devices.
    expect((await rawRequest(t.url, '/v1/audit/quarantine', { token: kiosk.options.token! })).status).toBe(
      403,
    );

    // And again: no crash loop, the same events aside, the day moved on.
    await restart();
    expect(await health()).toMatchObject({ status: 'degraded', quarantined: 3 });
    expect(t.server.service.counter('counter-1')).toMatchObject({ status: 'open', ticketNumber: 'A-001' });
  });
});
