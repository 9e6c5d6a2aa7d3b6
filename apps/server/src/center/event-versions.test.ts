import { CenterIndex, centerInstant } from '@novbe/core';
import { exampleCenter } from '@novbe/core/fixtures';
import { EVENT_VERSION } from '@novbe/protocol';
import { EventLog, eventHash, GENESIS_HASH, migrate, openDatabase, type Db } from '@novbe/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../migrations';
import { computeStatistics } from '../statistics/compute';
import { CenterService } from './center-service';

const TZ = exampleCenter.hours.timeZone;
const MONDAY = '2026-11-23';
const time = (hhmm: string) => centerInstant(MONDAY, hhmm, TZ);
const NOON = time('12:00');

type Payload = { readonly type: string } & Record<string, unknown>;
interface Row {
  readonly at: number;
  readonly type: string;
  readonly payload: Payload;
}
type Target = { serviceId: string } | { counterId: string };

/**
 * Writes a center day's events by hand in one event version, as the server of that version
 * committed them; each method is one action at the center.
 */
class FixtureDay {
  readonly rows: Row[] = [];
  /** The service each ticket waits for or is served in now. */
  readonly #serviceOf = new Map<string, string>();

  constructor(readonly version: number) {}

  #push(hhmm: string, payload: Payload): this {
    this.rows.push({ at: time(hhmm), type: payload.type, payload });
    return this;
  }

  #at(counterId: string) {
    const c = exampleCenter.counters.find((x) => x.id === counterId);
    if (!c) throw new Error(`no ${counterId} in the example center`);
    return { counterId, counterNumber: c.number, hallId: c.hallId };
  }

  #held(number: string, counterId: string) {
    return {
      ...this.#at(counterId),
      ticketId: `t-${number}`,
      number,
      serviceId: this.#serviceOf.get(number),
    };
  }

  paired(hhmm: string, deviceId: string, role: string): this {
    return this.#push(hhmm, { type: 'device.paired', hallId: null, deviceId, role, name: deviceId });
  }

  lease(hhmm: string, kioskId: string, prefix: string, first: number, last: number): this {
    const lease = { id: `lease-${prefix}`, kioskId, prefix, day: MONDAY, first, last };
    return this.#push(hhmm, { type: 'lease.granted', hallId: null, lease });
  }

  issue(hhmm: string, number: string, serviceId: string, offline?: { printedAt: string }): this {
    this.#serviceOf.set(number, serviceId);
    const [prefix = '', digits = ''] = number.split('-');
    const ticket = {
      id: `t-${number}`,
      number,
      prefix,
      seq: Number(digits),
      day: MONDAY,
      serviceId,
      language: 'az',
      priority: 'regular',
      priorityReason: null,
      appointmentAt: null,
      issuedAt: time(offline?.printedAt ?? hhmm),
      kioskId: 'kiosk-1',
      offline: offline !== undefined,
    };
    return this.#push(hhmm, { type: 'ticket.issued', hallId: 'hall-1', ticket });
  }

  counter(hhmm: string, type: 'opened' | 'paused' | 'closed', counterId: string, staffId: string): this {
    return this.#push(hhmm, { type: `counter.${type}`, ...this.#at(counterId), staffId });
  }

  call(hhmm: string, counterId: string, number: string, staffId: string): this {
    const held = this.#held(number, counterId);
    const call = { reason: 'regular', privileged: false, outOfOrder: false, staffId };
    return this.#push(hhmm, { type: 'ticket.called', ...held, ...call });
  }

  at(hhmm: string, type: 'recalled' | 'started' | 'finished' | 'no-show', counterId: string, number: string) {
    return this.#push(hhmm, { type: `ticket.${type}`, ...this.#held(number, counterId) });
  }

  /** Version 1 named the target as a pair of ids, one of them null; version 2 as `to`. */
  transfer(hhmm: string, counterId: string, number: string, to: Target): this {
    const held = this.#held(number, counterId);
    if ('serviceId' in to) this.#serviceOf.set(number, to.serviceId);
    const target =
      this.version === 1
        ? {
            toServiceId: 'serviceId' in to ? to.serviceId : null,
            toCounterId: 'counterId' in to ? to.counterId : null,
          }
        : { to };
    return this.#push(hhmm, { type: 'ticket.transferred', ...held, ...target, keepWaitingTime: true });
  }

  cancel(hhmm: string, number: string): this {
    return this.#push(hhmm, { type: 'ticket.cancelled', hallId: 'hall-1', ticketId: `t-${number}`, number });
  }
}

/**
 * A Monday morning in hall 1: a kiosk paired and leased passport numbers, one ticket printed
 * offline from that lease, a transfer to another service and one to a named counter, a recall,
 * a no-show, a cancellation, a counter paused and closed, two tickets left waiting.
 */
function mondayMorning(version: number): Row[] {
  return new FixtureDay(version)
    .paired('08:50', 'kiosk-1', 'kiosk')
    .lease('08:55', 'kiosk-1', 'P', 1, 5)
    .issue('09:00', 'A-001', 'dim-id-card')
    .issue('09:01', 'A-002', 'dim-id-card')
    .issue('09:02', 'P-006', 'dim-passport')
    .issue('09:03', 'A-003', 'dim-id-card')
    .issue('09:05', 'P-001', 'dim-passport', { printedAt: '09:04' })
    .issue('09:06', 'A-004', 'dim-id-card')
    .counter('09:10', 'opened', 'counter-1', 'staff-aysel')
    .counter('09:10', 'opened', 'counter-4', 'staff-rauf')
    .call('09:11', 'counter-1', 'A-001', 'staff-aysel')
    .at('09:12', 'started', 'counter-1', 'A-001')
    .transfer('09:15', 'counter-1', 'A-001', { serviceId: 'dim-passport' })
    .call('09:16', 'counter-4', 'P-006', 'staff-rauf')
    .at('09:17', 'recalled', 'counter-4', 'P-006')
    .at('09:18', 'no-show', 'counter-4', 'P-006')
    .call('09:19', 'counter-1', 'A-002', 'staff-aysel')
    .at('09:20', 'started', 'counter-1', 'A-002')
    .transfer('09:22', 'counter-1', 'A-002', { counterId: 'counter-4' })
    .call('09:23', 'counter-4', 'A-002', 'staff-rauf')
    .at('09:24', 'started', 'counter-4', 'A-002')
    .cancel('09:25', 'A-004')
    .at('09:30', 'finished', 'counter-4', 'A-002')
    .call('09:31', 'counter-4', 'A-001', 'staff-rauf')
    .at('09:32', 'started', 'counter-4', 'A-001')
    .at('09:40', 'finished', 'counter-4', 'A-001')
    .counter('09:41', 'paused', 'counter-1', 'staff-aysel')
    .counter('09:45', 'closed', 'counter-1', 'staff-aysel').rows;
}

/** The rows as today's server writes them: the current version, through the event log. */
function writeCurrent(db: Db, rows: readonly Row[]): void {
  migrate(db, MIGRATIONS);
  const log = new EventLog(db);
  db.transaction(() => log.append(rows.map((r) => ({ ...r, version: EVENT_VERSION }))))();
}

/**
 * The rows as a server from before event versions wrote them: the schema of then, no version
 * column, the hash of then; the database is then migrated as an upgraded server would.
 */
function writeVersion1(db: Db, rows: readonly Row[]): void {
  // The schema up to 0090, before 0100-event-versions.
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version < 100),
  );
  const insert = db.prepare(
    'INSERT INTO events (seq, at, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let prev = GENESIS_HASH;
  rows.forEach((r, i) => {
    const payload = JSON.stringify(r.payload);
    const hash = eventHash(prev, i + 1, r.at, r.type, 1, payload);
    insert.run(i + 1, r.at, r.type, payload, prev, hash);
    prev = hash;
  });
  migrate(db, MIGRATIONS);
}

let dir: string;
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function serviceOn(name: string, write: (db: Db, rows: readonly Row[]) => void, rows: readonly Row[]) {
  const db = openDatabase(join(dir, `${name}.db`));
  dbs.push(db);
  write(db, rows);
  return new CenterService(db, new CenterIndex(exampleCenter), () => NOON, { flush: async () => undefined });
}

/** What the day left in memory and in the figures, as clients and reports see it. */
function state(service: CenterService) {
  const tickets = ['A-001', 'A-002', 'A-003', 'A-004', 'P-001', 'P-006'];
  const check = service.verifyLog();
  return {
    // The two logs hold different bytes, so their last hashes differ.
    log: check.ok ? { ok: true, count: check.count } : check,
    snapshot: service.snapshot(null),
    tickets: tickets.map((n) => service.findTicket(`t-${n}`)),
    waiting: {
      idCard: service.waitingIn('dim-id-card'),
      passport: service.waitingIn('dim-passport'),
      total: service.waitingTotal(),
    },
    statistics: computeStatistics(service.eventsFrom(time('04:00')), exampleCenter, {
      from: time('04:00'),
      to: NOON,
    }),
  };
}

describe('a day written in event version 1', () => {
  it('replays to the same queue, counters, numbering and statistics as in the current version', () => {
    dir = mkdtempSync(join(tmpdir(), 'novbe-event-versions-'));
    const current = serviceOn('current', writeCurrent, mondayMorning(EVENT_VERSION));
    const old = serviceOn('version-1', writeVersion1, mondayMorning(1));
    expect(mondayMorning(1)).not.toEqual(mondayMorning(EVENT_VERSION));

    // The old rows are read as current events: the same events, upcast.
    expect([...old.eventsFrom(0)]).toEqual([...current.eventsFrom(0)]);
    expect([...old.eventsFrom(0)].filter((e) => e.type === 'ticket.transferred')).toMatchObject([
      { number: 'A-001', to: { serviceId: 'dim-passport' } },
      { number: 'A-002', to: { counterId: 'counter-4' } },
    ]);
    const replayed = state(current);
    expect(state(old)).toEqual(replayed);

    // The day as it was left: the replay ran, so the comparison above means something.
    expect(replayed.log).toMatchObject({ ok: true, count: 28 });
    expect(replayed.waiting).toEqual({ idCard: 1, passport: 1, total: 2 });
    expect(replayed.tickets.map((t) => t?.status)).toEqual([
      'done',
      'done',
      'issued',
      'cancelled',
      'issued',
      'no-show',
    ]);
    expect(replayed.snapshot.counters.filter((c) => c.status !== 'closed')).toMatchObject([
      { id: 'counter-4', status: 'open', staffId: 'staff-rauf', ticketId: null },
    ]);
    expect(replayed.statistics.totals).toMatchObject({ issued: 6, served: 2, noShows: 1, transferred: 2 });

    // Numbering goes on after the day's numbers and the kiosk's lease, in both.
    for (const service of [current, old]) {
      const issue = (id: string, serviceId: string) =>
        service.issue('kiosk-1', { id, serviceId, language: 'az' }).ticket.number;
      expect([issue('t-next-a', 'dim-id-card'), issue('t-next-p', 'dim-passport')]).toEqual([
        'A-005',
        'P-007',
      ]);
      expect(service.verifyLog()).toMatchObject({ ok: true, count: 30 });
    }
  });
});
