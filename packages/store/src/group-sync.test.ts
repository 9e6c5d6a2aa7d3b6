import { fdatasync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Checkpointer } from './checkpointer';
import { openDatabase, type Db } from './database';
import { GroupSync, SyncFailedError, type SyncFile } from './group-sync';

let dir: string;
let db: Db;
let insert: (text: string) => void;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'novbe-sync-'));
  db = openDatabase(join(dir, 'center.db'));
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT');
  const stmt = db.prepare('INSERT INTO notes (text) VALUES (?)');
  insert = (text) => void stmt.run(text);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The real fdatasync, but each one completes only when the test says so. */
function gatedSync() {
  const pending: (() => void)[] = [];
  const syncFile: SyncFile = (fd, done) => fdatasync(fd, (error) => pending.push(() => done(error)));
  const release = async () => {
    while (pending.length === 0) await new Promise((r) => setTimeout(r, 1));
    pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { syncFile, pending, release };
}

describe('GroupSync', () => {
  it('commits without a sync on the event loop, and flushes the WAL to the disk', async () => {
    const sync = new GroupSync(db);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    await sync.flush(); // nothing written since: no sync
    expect(sync.syncs).toBe(0);
    insert('first');
    await sync.flush();
    expect(sync.syncs).toBe(1);
    await sync.flush();
    expect(sync.syncs).toBe(1);
    sync.close();
  });

  it('groups the commits made while a sync runs into the next one, and resolves in order', async () => {
    const gate = gatedSync();
    const sync = new GroupSync(db, { syncFile: gate.syncFile });
    const resolved: string[] = [];
    insert('a');
    const a = sync.flush().then(() => resolved.push('a'));
    insert('b');
    const b = sync.flush().then(() => resolved.push('b'));
    insert('c');
    const c = sync.flush().then(() => resolved.push('c'));
    expect(sync.syncs).toBe(1); // b and c wait: the sync in flight began before their commits
    await gate.release();
    expect(resolved).toEqual(['a']);
    expect(sync.syncs).toBe(2); // one more, for both b and c
    await gate.release();
    await Promise.all([a, b, c]);
    expect(resolved).toEqual(['a', 'b', 'c']);
    expect(sync.syncs).toBe(2);
    sync.close();
  });

  it('fails every pending and later flush once a sync fails, and reports it', async () => {
    const syncFile: SyncFile = (_fd, done) =>
      setImmediate(() => done(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })));
    const sync = new GroupSync(db, { syncFile });
    insert('lost?');
    const first = sync.flush();
    await expect(first).rejects.toBeInstanceOf(SyncFailedError);
    await expect(sync.failure).resolves.toMatchObject({ message: expect.stringContaining('EIO') });
    insert('after');
    await expect(sync.flush()).rejects.toBeInstanceOf(SyncFailedError);
    sync.close();
  });

  it('needs a WAL database', () => {
    const other = openDatabase(join(dir, 'rollback.db'));
    other.pragma('journal_mode = DELETE');
    expect(() => new GroupSync(other)).toThrow(/WAL/);
    other.close();
  });
});

describe('Checkpointer', () => {
  it('copies the WAL into the database file from its own thread', async () => {
    const checkpointer = new Checkpointer(db, { intervalMs: 20 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(20_000);
    db.transaction(() => {
      for (let i = 0; i < 500; i++) insert(`note ${i} `.repeat(20));
    })();
    const deadline = Date.now() + 5000;
    while (!(
      checkpointer.last &&
      checkpointer.last.walFrames > 0 &&
      checkpointer.last.copied === checkpointer.last.walFrames
    )) {
      if (Date.now() > deadline)
        throw new Error(`no complete checkpoint: ${JSON.stringify(checkpointer.last)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    await checkpointer.stop();
    // The rows are in the database file itself now, copied by the worker's connection.
    expect(statSync(join(dir, 'center.db')).size).toBeGreaterThan(500 * 200);
    const reader = openDatabase(join(dir, 'center.db'), { readonly: true });
    expect(reader.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(500);
    reader.close();
  });
});
