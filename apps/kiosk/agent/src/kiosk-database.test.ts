import { DatabaseTooNewError, migrate, openDatabase, type Db } from '@novbe/store';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKioskDatabase } from './kiosk-database';
import { KIOSK_MIGRATIONS } from './migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'novbe-kiosk-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: Db) =>
  (
    db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
      sql: string;
    }[]
  ).filter((t) => !t.name.startsWith('sqlite_'));

describe('kiosk database', () => {
  it('creates every table STRICT, at the last version, in a private file', () => {
    const db = openKioskDatabase(join(dir, 'data'));
    expect(db.pragma('user_version', { simple: true })).toBe(KIOSK_MIGRATIONS.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(tables(db).map((t) => t.name)).toEqual([
      'config_cache',
      'fallback_sequences',
      'identity',
      'leases',
      'outbox',
      'tickets',
    ]);
    for (const t of tables(db)) expect(t.sql).toMatch(/\)\s*STRICT$/);
    db.close();
    expect(statSync(join(dir, 'data', 'kiosk.db')).mode & 0o777).toBe(0o600);
  });

  it.each([
    [10, ['tickets']],
    [20, ['outbox', 'tickets']],
    [30, ['fallback_sequences', 'leases', 'outbox', 'tickets']],
    [40, ['config_cache', 'fallback_sequences', 'leases', 'outbox', 'tickets']],
    [50, ['config_cache', 'fallback_sequences', 'identity', 'leases', 'outbox', 'tickets']],
  ])('migration %i applies on top of the ones before it', (version, expected) => {
    const db = openDatabase(join(dir, `step-${version}.db`));
    const steps = KIOSK_MIGRATIONS.filter((m) => m.version <= version);
    migrate(db, steps.slice(0, -1));
    expect(migrate(db, steps)).toEqual([version]);
    expect(tables(db).map((t) => t.name)).toEqual(expected);
    db.close();
  });

  it('opens again without migrating and keeps the rows', () => {
    const db = openKioskDatabase(dir);
    db.prepare("INSERT INTO identity (key, value) VALUES ('name', 'K1')").run();
    db.close();
    const again = openKioskDatabase(dir);
    expect(again.prepare('SELECT value FROM identity').get()).toEqual({ value: 'K1' });
    again.close();
  });

  it('refuses a database written by a newer agent, untouched', () => {
    const db = openKioskDatabase(dir);
    db.pragma('user_version = 990');
    db.close();
    expect(() => openKioskDatabase(dir)).toThrow(DatabaseTooNewError);
  });

  it('never holds one number twice on a day', () => {
    const db = openKioskDatabase(dir);
    const insert = db.prepare(
      "INSERT INTO tickets (id, number, day, service_id, language, mode, state, issued_at) VALUES (?, 'A-001', '2026-11-23', 's', 'az', 'offline', 'printed', 1)",
    );
    insert.run('one');
    expect(() => insert.run('two')).toThrow(/UNIQUE/);
    db.close();
  });

  it('answers the hot queries from indexes', () => {
    const db = openKioskDatabase(dir);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan("SELECT * FROM outbox WHERE kind = 'sync' ORDER BY created_at")).toMatch(
      /outbox_byKindCreatedAt/,
    );
    expect(plan("SELECT * FROM leases WHERE day = '2026-11-23'")).toMatch(/leases_byDayPrefix/);
    expect(plan("SELECT count(*) FROM tickets WHERE service_id = 's' AND issued_at > 0")).toMatch(
      /tickets_byServiceIssuedAt/,
    );
    db.close();
  });
});
