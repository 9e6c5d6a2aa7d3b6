import { EventLog, migrate, openDatabase, type Db } from '@novbe/store';
import { mkdtempSync, rmSync, statSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../migrations';
import { AuditTrail, type AuditSinks } from './audit-trail';
import { readHeadFile } from './head-file';
import { rewriteFrom, dropTriggers, restoreTriggers } from './testing';

let dir: string;
let db: Db;
const trails: AuditTrail[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'novbe-audit-'));
  db = openDatabase(join(dir, 'center.db'));
  migrate(db, MIGRATIONS);
});
afterEach(() => {
  for (const trail of trails.splice(0)) trail.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const keyFile = () => join(dir, 'audit.key');
const open = () => {
  const trail = new AuditTrail(db, keyFile(), () => 1_000);
  trails.push(trail);
  return trail;
};
/** Appends `n` events as the center would (with the trail's key, or none), then tells the trail. */
function append(n: number, trail: AuditTrail | null) {
  const log = new EventLog(db, trail ? { macKey: trail.key } : {});
  const events = db.transaction(() =>
    log.append(Array.from({ length: n }, (_, i) => ({ at: 500 + i, type: 'x', version: 2, payload: { i } }))),
  )();
  trail?.observe(events);
  return events;
}
function sinks() {
  const lines: string[] = [];
  const heads: number[] = [];
  const s: AuditSinks = {
    log: { info: (_o, msg) => lines.push(msg), error: (_o, msg) => lines.push(`error: ${msg}`) },
    publish: (head) => heads.push(head.seq),
  };
  return { s, lines, heads };
}

describe('AuditTrail', () => {
  it('keeps its key in a file of its own (0600), MACs from event 1 of a new log, and publishes the head', async () => {
    const trail = open();
    expect(statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(trail.anchorSeq).toBe(1);
    const { s, lines, heads } = sinks();
    trail.start(s);
    append(99, trail);
    expect(heads).toEqual([0]); // at start only: fewer than 100 events since
    append(1, trail);
    expect(heads).toEqual([0, 100]);
    expect(lines).toEqual(['audit head (at start)', 'audit head (periodic)']);
    await trail.flush();
    expect(readHeadFile(join(dir, 'audit-head.json'), trail.key)).toEqual({
      anchorSeq: 1,
      ...trail.head(),
    });
    expect(statSync(join(dir, 'audit-head.json')).mode & 0o777).toBe(0o600);
    expect(trail.verify()).toMatchObject({ ok: true, count: 100, anchorSeq: 1, head: { seq: 100 } });
    trail.close();
    expect(lines.at(-1)).toBe('audit head at shutdown');
  });

  it('anchors a log written before the key after its last event: earlier rows keep their plain hash', () => {
    append(5, null);
    const trail = open();
    expect(trail.anchorSeq).toBe(6);
    expect(trail.verify()).toMatchObject({ ok: true, count: 5, anchorSeq: 6, head: { seq: 5 } });
    append(3, trail);
    expect(new EventLog(db).since(0).map((e) => e.mac !== null)).toEqual([
      ...[false, false, false, false, false],
      ...[true, true, true],
    ]);
    expect(trail.verify()).toMatchObject({ ok: true, count: 8 });
    // The anchor is the head file's, not the database's: a restart keeps it.
    trail.close();
    trails.splice(0);
    expect(open().anchorSeq).toBe(6);
    // An edit before the anchor shows at the first keyed event, whose MAC covers every hash before it.
    dropTriggers(db);
    rewriteFrom(db, 2, (r) => (r.seq === 2 ? { ...r, payload: '{"i":42}' } : r));
    restoreTriggers(db);
    expect(trails[0]!.verify()).toMatchObject({ ok: false, seq: 6, problem: 'mac-mismatch' });
  });

  it('records a lost key: the MACs written under it cannot be checked, and the log is anchored again', () => {
    const first = open();
    append(4, first);
    first.close();
    trails.splice(0);
    renameSync(keyFile(), join(dir, 'audit.key.lost'));
    const trail = open();
    expect(trail.anchorSeq).toBe(5);
    expect(readFileSync(keyFile(), 'utf8')).not.toBe(readFileSync(join(dir, 'audit.key.lost'), 'utf8'));
    expect(trail.verify()).toMatchObject({
      ok: false,
      problem: 'recorded',
      reason: expect.stringMatching(
        /audit key file was missing at start: the MACs of events 1 to 4 cannot be checked/,
      ),
    });
  });

  it('records events that vanish while it runs, even once new ones follow', () => {
    const trail = open();
    const { s, lines } = sinks();
    trail.start(s);
    append(6, trail);
    dropTriggers(db);
    db.prepare('DELETE FROM events WHERE seq > 3').run();
    restoreTriggers(db);
    append(2, trail); // events 4 and 5 again: behind the published head
    expect(lines.filter((l) => l.startsWith('error:'))).toEqual([
      'error: audit trail: event 5 was written after event 6 had been published: events were deleted from the log while the server ran',
    ]);
    expect(trail.verify()).toMatchObject({ ok: false, seq: 5, problem: 'truncated' });
  });
});
