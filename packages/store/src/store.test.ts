import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database';
import { damagedAppendOnlyTriggers, eventHash, eventMac, GENESIS_HASH } from './event-chain';
import { addEventMacs, addEventVersions, createEventLogTables, EventLog } from './event-log';
import { DatabaseTooNewError, migrate, MigrationRegistryError, type Migration } from './migrate';

let dir: string;
let db: Db;

const registry: Migration[] = [
  { version: 10, name: 'event-log', up: createEventLogTables },
  { version: 20, name: 'event-versions', up: addEventVersions },
  { version: 30, name: 'event-macs', up: addEventMacs },
  {
    version: 40,
    name: 'notes',
    up: (d) => d.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT'),
  },
];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'novbe-store-'));
  db = openDatabase(join(dir, 'center.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('uses WAL and full synchronous commits', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('migrate', () => {
  it('applies pending migrations once, in one transaction, and records the version', () => {
    expect(migrate(db, registry.slice(0, 1))).toEqual([10]);
    expect(migrate(db, registry)).toEqual([20, 30, 40]);
    expect(migrate(db, registry)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(40);
  });

  it('rolls back every step when one fails', () => {
    const broken: Migration[] = [
      ...registry,
      { version: 50, name: 'broken', up: (d) => d.exec('CREATE TABLE oops (') },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'events'").get()).toEqual({
      n: 0,
    });
  });

  it('refuses a database newer than the code, and a registry out of order', () => {
    migrate(db, registry);
    expect(() => migrate(db, registry.slice(0, 1))).toThrow(DatabaseTooNewError);
    expect(() => migrate(db, [registry[1]!])).toThrow(MigrationRegistryError);
  });
});

describe('EventLog', () => {
  beforeEach(() => migrate(db, registry));

  it('appends with a hash chain that verifies, and reads back from a sequence number', () => {
    const log = new EventLog(db);
    db.transaction(() =>
      log.append([
        { at: 1, type: 'a', version: 2, payload: { x: 1 } },
        { at: 2, type: 'b', version: 2, payload: { y: 'ə' } },
      ]),
    )();
    db.transaction(() => log.append([{ at: 3, type: 'c', version: 2, payload: {} }]))();
    expect(log.lastSeq()).toBe(3);
    expect(log.since(1).map((e) => e.type)).toEqual(['b', 'c']);
    expect([...log.all(1, 1)].map((e) => e.seq)).toEqual([2, 3]);
    expect(log.firstSeqAt(2)).toBe(2);
    expect(log.firstSeqAt(4)).toBeNull();
    expect(JSON.parse(log.since(1)[0]!.payload)).toEqual({ y: 'ə' });
    expect(log.verify()).toMatchObject({ ok: true, count: 3 });
  });

  it('refuses edits and deletions, and detects a row edited behind its back', () => {
    const log = new EventLog(db);
    db.transaction(() =>
      log.append([1, 2, 3].map((i) => ({ at: i, type: 'ticket.issued', version: 2, payload: { n: i } }))),
    )();
    expect(() => db.prepare('UPDATE events SET payload = ? WHERE seq = 2').run('{"n":9}')).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM events WHERE seq = 3').run()).toThrow(/append-only/);
    // Someone with the file drops the trigger and edits a row: the chain shows it.
    db.exec('DROP TRIGGER events_noUpdate');
    db.prepare('UPDATE events SET payload = ? WHERE seq = 2').run('{"n":9}');
    expect(log.verify()).toMatchObject({ ok: false, seq: 2, problem: 'hash-mismatch' });
    expect(damagedAppendOnlyTriggers(db)).toEqual(['events_noUpdate']);
  });

  it('keeps nothing of a rolled-back append', () => {
    const log = new EventLog(db);
    expect(() =>
      db.transaction(() => {
        log.append([{ at: 1, type: 'a', version: 2, payload: {} }]);
        throw new Error('projection failed');
      })(),
    ).toThrow('projection failed');
    expect(log.lastSeq()).toBe(0);
    db.transaction(() => log.append([{ at: 2, type: 'b', version: 2, payload: {} }]))();
    expect(log.verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('keeps each event\u2019s version, covered by the hash from version 2 on', () => {
    const log = new EventLog(db);
    db.transaction(() =>
      log.append([
        { at: 1, type: 'a', version: 1, payload: { n: 1 } },
        { at: 2, type: 'b', version: 2, payload: { n: 2 } },
      ]),
    )();
    expect(log.since(0).map((e) => e.version)).toEqual([1, 2]);
    expect(() => log.append([{ at: 3, type: 'c', version: 0, payload: {} }])).toThrow(RangeError);
    // Read as version 1, a version-2 payload would skip its upcasters: the chain shows it.
    db.exec('DROP TRIGGER events_noUpdate');
    db.prepare('UPDATE events SET version = 1 WHERE seq = 2').run();
    expect(log.verify()).toMatchObject({ ok: false, seq: 2, problem: 'hash-mismatch' });
  });
});

describe('EventLog written before events had versions', () => {
  /** The hash as it was computed then: no version. */
  const oldHash = (prev: string, seq: number, at: number, type: string, payload: string) =>
    createHash('sha256').update(`${prev}\n${seq}\n${at}\n${type}\n${payload}`).digest('hex');

  it('still verifies once migrated, its rows read as version 1, and goes on in the current version', () => {
    migrate(db, registry.slice(0, 1));
    const insert = db.prepare(
      'INSERT INTO events (seq, at, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)',
    );
    let prev = GENESIS_HASH;
    for (const seq of [1, 2]) {
      const payload = JSON.stringify({ n: seq });
      const hash = oldHash(prev, seq, seq * 10, 'a', payload);
      insert.run(seq, seq * 10, 'a', payload, prev, hash);
      prev = hash;
    }
    migrate(db, registry);
    const log = new EventLog(db);
    expect(log.verify()).toEqual({ ok: true, count: 2, lastSeq: 2, lastHash: prev });
    expect(log.since(0).map((e) => e.version)).toEqual([1, 1]);
    db.transaction(() => log.append([{ at: 30, type: 'a', version: 2, payload: { n: 3 } }]))();
    expect(log.verify()).toMatchObject({ ok: true, count: 3 });
    expect(log.since(2)[0]).toMatchObject({ seq: 3, version: 2, prevHash: prev });
  });
});

describe('EventLog with a MAC key', () => {
  const key = Buffer.alloc(32, 7);
  beforeEach(() => migrate(db, registry));

  const append = (log: EventLog, n: number, from = 1) =>
    db.transaction(() =>
      log.append(
        Array.from({ length: n }, (_, i) => ({ at: from + i, type: 'a', version: 2, payload: { i } })),
      ),
    )();

  /** What someone with the file but not the key can do: rewrite rows and recompute every hash after them. */
  function rewriteFrom(seq: number, edit: (payload: string) => string, mac: (seq: number) => string | null) {
    db.exec('DROP TRIGGER IF EXISTS events_noUpdate');
    const rows = db.prepare('SELECT * FROM events WHERE seq >= ? ORDER BY seq').all(seq) as {
      seq: number;
      at: number;
      type: string;
      version: number;
      payload: string;
      prev_hash: string;
    }[];
    let prev = rows[0]!.prev_hash;
    for (const r of rows) {
      const payload = r.seq === seq ? edit(r.payload) : r.payload;
      const hash = eventHash(prev, r.seq, r.at, r.type, r.version, payload);
      db.prepare('UPDATE events SET payload = ?, prev_hash = ?, hash = ?, mac = ? WHERE seq = ?').run(
        payload,
        prev,
        hash,
        mac(r.seq),
        r.seq,
      );
      prev = hash;
    }
  }

  it('MACs every row from the anchor on; earlier rows keep their plain hash', () => {
    append(new EventLog(db), 2);
    const log = new EventLog(db, { macKey: key });
    append(log, 3, 3);
    expect(log.since(0).map((e) => e.mac === null)).toEqual([true, true, false, false, false]);
    expect(log.at(3)?.mac).toBe(eventMac(key, 3, log.at(3)!.hash));
    expect(log.firstKeyedSeq()).toBe(3);
    expect(log.head()).toMatchObject({ seq: 5, mac: eventMac(key, 5, log.at(5)!.hash) });
    expect(log.verify({ macKey: key, anchorSeq: 3, head: { seq: 5, hash: log.head().hash } })).toMatchObject({
      ok: true,
      count: 5,
      lastSeq: 5,
    });
  });

  it('detects a row rewritten with every hash after it recomputed, before or after the anchor', () => {
    append(new EventLog(db), 2);
    const log = new EventLog(db, { macKey: key });
    append(log, 3, 3);
    expect(log.verify()).toMatchObject({ ok: true });
    rewriteFrom(
      4,
      () => '{"i":99}',
      (seq) => eventMac(Buffer.alloc(32, 8), seq, 'guess'),
    );
    expect(log.verify({ macKey: key, anchorSeq: 3 })).toMatchObject({
      ok: false,
      seq: 4,
      problem: 'mac-mismatch',
    });
    // An edit before the anchor changes the hash the first keyed row's MAC covers.
    rewriteFrom(
      1,
      () => '{"i":42}',
      (seq) => log.at(seq)!.mac,
    );
    expect(log.verify({ macKey: key, anchorSeq: 3 })).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'mac-mismatch',
    });
  });

  it('detects keyed rows stripped of their MACs, a cut, a truncation and an emptied log', () => {
    const log = new EventLog(db, { macKey: key });
    append(log, 6);
    const head = { seq: 6, hash: log.head().hash };
    const options = { macKey: key, anchorSeq: 1, head };
    db.exec('DROP TRIGGER events_noDelete');
    db.prepare('DELETE FROM events WHERE seq = 6').run();
    expect(log.verify(options)).toMatchObject({ ok: false, seq: 5, problem: 'truncated' });
    expect(log.verify({ macKey: key, anchorSeq: 1, head: { seq: 5, hash: 'f'.repeat(64) } })).toMatchObject({
      ok: false,
      seq: 5,
      problem: 'head-mismatch',
    });
    db.prepare('DELETE FROM events WHERE seq IN (2, 3)').run();
    expect(log.verify(options)).toMatchObject({ ok: false, seq: 4, problem: 'sequence-gap' });
    db.prepare('DELETE FROM events WHERE seq = 1').run();
    expect(log.verify(options)).toMatchObject({ ok: false, seq: 4, problem: 'sequence-gap' });
    db.prepare('DELETE FROM events').run();
    const emptied = log.verify(options);
    expect(emptied).toMatchObject({ ok: false, seq: 0, problem: 'truncated' });
    expect(!emptied.ok && emptied.reason).toMatch(/every event was deleted/);
  });

  it('detects a log rewritten as if it had never been keyed', () => {
    const log = new EventLog(db, { macKey: key });
    append(log, 3);
    rewriteFrom(
      2,
      () => '{"i":7}',
      () => null,
    );
    expect(log.verify({ macKey: key, anchorSeq: 1 })).toMatchObject({
      ok: false,
      seq: 2,
      problem: 'mac-missing',
    });
  });

  it('names a trigger that is missing or was changed', () => {
    expect(damagedAppendOnlyTriggers(db)).toEqual([]);
    db.exec('DROP TRIGGER events_noDelete');
    db.exec('CREATE TRIGGER events_noDelete BEFORE DELETE ON events WHEN 0 BEGIN SELECT 1; END');
    expect(damagedAppendOnlyTriggers(db)).toEqual(['events_noDelete']);
  });
});
