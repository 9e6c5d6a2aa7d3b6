import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database';
import { addEventVersions, createEventLogTables, EventLog, GENESIS_HASH } from './event-log';
import { DatabaseTooNewError, migrate, MigrationRegistryError, type Migration } from './migrate';

let dir: string;
let db: Db;

const registry: Migration[] = [
  { version: 10, name: 'event-log', up: createEventLogTables },
  { version: 20, name: 'event-versions', up: addEventVersions },
  {
    version: 30,
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
    expect(migrate(db, registry)).toEqual([20, 30]);
    expect(migrate(db, registry)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
  });

  it('rolls back every step when one fails', () => {
    const broken: Migration[] = [
      ...registry,
      { version: 40, name: 'broken', up: (d) => d.exec('CREATE TABLE oops (') },
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
    expect(log.verify()).toEqual({ ok: false, seq: 2, reason: 'content does not match its hash' });
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
    expect(log.verify()).toEqual({ ok: false, seq: 2, reason: 'content does not match its hash' });
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
    expect(log.verify()).toEqual({ ok: true, count: 2, lastHash: prev });
    expect(log.since(0).map((e) => e.version)).toEqual([1, 1]);
    db.transaction(() => log.append([{ at: 30, type: 'a', version: 2, payload: { n: 3 } }]))();
    expect(log.verify()).toMatchObject({ ok: true, count: 3 });
    expect(log.since(2)[0]).toMatchObject({ seq: 3, version: 2, prevHash: prev });
  });
});
