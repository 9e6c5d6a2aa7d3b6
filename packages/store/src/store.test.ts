import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database';
import { createEventLogTables, EventLog } from './event-log';
import { DatabaseTooNewError, migrate, MigrationRegistryError, type Migration } from './migrate';

let dir: string;
let db: Db;

const registry: Migration[] = [
  { version: 10, name: 'event-log', up: createEventLogTables },
  {
    version: 20,
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
    expect(migrate(db, registry)).toEqual([20]);
    expect(migrate(db, registry)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
  });

  it('rolls back every step when one fails', () => {
    const broken: Migration[] = [
      ...registry,
      { version: 30, name: 'broken', up: (d) => d.exec('CREATE TABLE oops (') },
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
        { at: 1, type: 'a', payload: { x: 1 } },
        { at: 2, type: 'b', payload: { y: 'ə' } },
      ]),
    )();
    db.transaction(() => log.append([{ at: 3, type: 'c', payload: {} }]))();
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
      log.append([1, 2, 3].map((i) => ({ at: i, type: 'ticket.issued', payload: { n: i } }))),
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
        log.append([{ at: 1, type: 'a', payload: {} }]);
        throw new Error('projection failed');
      })(),
    ).toThrow('projection failed');
    expect(log.lastSeq()).toBe(0);
    db.transaction(() => log.append([{ at: 2, type: 'b', payload: {} }]))();
    expect(log.verify()).toMatchObject({ ok: true, count: 1 });
  });
});
