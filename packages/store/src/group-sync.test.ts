import { fdatasyncSync, mkdtempSync, rmSync, statSync } from 'node:fs';
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

describe('GroupSync', () => {
  it('commits without a sync, and flushes the WAL to the disk', async () => {
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

  it('syncs once for the commits of one turn of the event loop, after them, and resolves in order', async () => {
    const rowsWhenSynced: number[] = [];
    const count = db.prepare('SELECT count(*) FROM notes').pluck();
    const sync = new GroupSync(db, {
      syncFile: (fd) => {
        fdatasyncSync(fd);
        rowsWhenSynced.push(count.get() as number);
      },
    });
    const resolved: string[] = [];
    const commit = (text: string) => {
      insert(text);
      return sync.flush().then(() => resolved.push(text));
    };
    const turn = [commit('a'), commit('b'), commit('c')];
    expect(sync.syncs).toBe(0); // nothing blocks the turn that commits
    await Promise.all(turn);
    expect(resolved).toEqual(['a', 'b', 'c']);
    expect(rowsWhenSynced).toEqual([3]);
    await commit('d'); // a later turn: a sync of its own
    expect(rowsWhenSynced).toEqual([3, 4]);
    sync.close();
  });

  it('fails every pending and later flush once a sync fails, and reports it', async () => {
    const syncFile: SyncFile = () => {
      throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    };
    const sync = new GroupSync(db, { syncFile });
    insert('lost?');
    const first = sync.flush();
    insert('lost too?');
    const second = sync.flush();
    await expect(first).rejects.toBeInstanceOf(SyncFailedError);
    await expect(second).rejects.toBeInstanceOf(SyncFailedError);
    await expect(sync.failure).resolves.toMatchObject({ message: expect.stringContaining('EIO') });
    insert('after');
    await expect(sync.flush()).rejects.toBeInstanceOf(SyncFailedError);
    expect(sync.syncs).toBe(1);
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
