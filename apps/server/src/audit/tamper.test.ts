import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing';
import { dropTriggers, issueTickets, openCenterDb, rewriteFrom, tamper } from './testing';

/**
 * Each way someone with the database file (but not the audit key) could rewrite history, and
 * the reason `/v1/audit/verify` gives. The log: a kiosk paired (event 1), 8 tickets (2–9).
 */
let t: TestServer;
afterEach(async () => t?.close());

async function dayOfTickets(): Promise<void> {
  t = await startTestServer();
  await issueTickets(t, 8);
  expect(await t.admin.verifyAudit()).toMatchObject({ ok: true, count: 9, anchorSeq: 1 });
}

/** Stops the server, lets `change` loose on its file, and starts it again on the same data. */
async function whileStopped(change: Parameters<typeof tamper>[1]): Promise<void> {
  const { dataDir } = t;
  await t.close({ keepData: true });
  tamper(dataDir, change);
  t = await startTestServer({ dataDir });
}

describe('the audit trail detects', () => {
  it('a row edited and every hash after it recomputed', async () => {
    await dayOfTickets();
    await whileStopped((db) =>
      rewriteFrom(db, 4, (r) => (r.seq === 4 ? { ...r, payload: r.payload.replace('"az"', '"ru"') } : r)),
    );
    expect(await t.admin.verifyAudit()).toMatchObject({
      ok: false,
      seq: 4,
      problem: 'mac-mismatch',
      reason: expect.stringMatching(/rewritten and the hashes recomputed/),
    });
  });

  it('the last rows deleted while the server was stopped, the triggers dropped for it and put back', async () => {
    await dayOfTickets();
    await whileStopped((db) => db.prepare('DELETE FROM events WHERE seq > 6').run());
    expect(await t.admin.verifyAudit()).toMatchObject({
      ok: false,
      seq: 6,
      problem: 'truncated',
      reason: expect.stringMatching(
        /ended at event 6, but event 9 had been published .* while the server was stopped/,
      ),
    });
  });

  it('the last rows deleted while the server runs', async () => {
    await dayOfTickets();
    tamper(t.dataDir, (db) => db.prepare('DELETE FROM events WHERE seq > 7').run());
    expect(await t.admin.verifyAudit()).toMatchObject({
      ok: false,
      seq: 7,
      problem: 'truncated',
      reason: 'the log ends at event 7, but event 9 was published: events were deleted from its end',
    });
  });

  it('the log cut: events removed from its middle, or removed and the rest renumbered and rehashed', async () => {
    await dayOfTickets();
    tamper(t.dataDir, (db) => db.prepare('DELETE FROM events WHERE seq IN (3, 4)').run());
    expect(await t.admin.verifyAudit()).toMatchObject({
      ok: false,
      seq: 5,
      problem: 'sequence-gap',
      reason: 'event 5 follows event 2: events 3 to 4 were removed',
    });
    tamper(t.dataDir, (db) => rewriteFrom(db, 5, (r) => ({ ...r, seq: r.seq - 2 })));
    expect(await t.admin.verifyAudit()).toMatchObject({ ok: false, seq: 3, problem: 'mac-mismatch' });
  });

  it('every event deleted, while the server runs or while it was stopped', async () => {
    await dayOfTickets();
    tamper(t.dataDir, (db) => db.prepare('DELETE FROM events').run());
    expect(await t.admin.verifyAudit()).toMatchObject({
      ok: false,
      seq: 0,
      problem: 'truncated',
      reason: 'the log is empty, but event 9 was published: every event was deleted',
    });
    await t.close();
    await dayOfTickets();
    await whileStopped((db) => db.prepare('DELETE FROM events').run());
    expect(await t.admin.verifyAudit()).toMatchObject({
      ok: false,
      problem: 'truncated',
      reason: expect.stringMatching(/ended at event 0, but event 9 had been published/),
    });
  });

  it('a dropped append-only trigger', async () => {
    await dayOfTickets();
    const db = openCenterDb(t.dataDir);
    db.exec('DROP TRIGGER events_noDelete');
    db.close();
    expect(await t.admin.verifyAudit()).toMatchObject({
      ok: false,
      seq: 0,
      problem: 'trigger-missing',
      reason:
        'the append-only trigger events_noDelete was dropped or changed: the log can be edited in place',
    });
    const again = openCenterDb(t.dataDir);
    dropTriggers(again);
    again.close();
    expect(await t.admin.verifyAudit()).toMatchObject({
      problem: 'trigger-missing',
      reason: expect.stringMatching(/triggers events_noUpdate and events_noDelete were dropped/),
    });
  });

  it('a ticket row the log cannot account for', async () => {
    await dayOfTickets();
    const db = openCenterDb(t.dataDir);
    // A forged ticket pointing at a real event (the kiosk's pairing).
    db.prepare(
      `INSERT INTO tickets (id, number, day, service_id, hall_id, language, priority, status, issued_at,
         offline, issued_seq) SELECT 'forged', 'A-999', day, service_id, hall_id, language, priority, status,
         issued_at, offline, 1 FROM tickets LIMIT 1`,
    ).run();
    db.close();
    expect(await t.admin.verifyAudit()).toMatchObject({
      ok: false,
      seq: 1,
      problem: 'ticket-without-event',
      reason: expect.stringMatching(
        /^ticket A-999 of .* \(forged\) has no ticket.issued event: event 1 is a device.paired$/,
      ),
    });
  });

  it('a log rewritten from some event on as if it had never been keyed', async () => {
    await dayOfTickets();
    tamper(t.dataDir, (db) =>
      rewriteFrom(
        db,
        5,
        (r) => r,
        () => null,
      ),
    );
    expect(await t.admin.verifyAudit()).toMatchObject({ ok: false, seq: 5, problem: 'mac-missing' });
  });

  it('a head file that went missing or was altered (each recorded until the finding is moved away)', async () => {
    await dayOfTickets();
    const { dataDir } = t;
    await t.close({ keepData: true });
    renameSync(join(dataDir, 'audit-head.json'), join(dataDir, 'audit-head.json.gone'));
    t = await startTestServer({ dataDir });
    expect(await t.admin.verifyAudit()).toMatchObject({
      ok: false,
      problem: 'recorded',
      reason: expect.stringMatching(/the head file was missing: events deleted .* cannot be ruled out/),
    });
    renameSync(join(dataDir, 'audit-findings.jsonl'), join(dataDir, 'audit-findings.seen.jsonl'));
    expect(await t.admin.verifyAudit()).toMatchObject({ ok: true, count: 9 });

    await t.close({ keepData: true });
    // Someone moves the head back to an earlier event to hide a cut: the file's MAC shows it.
    const head = JSON.parse(readFileSync(join(dataDir, 'audit-head.json'), 'utf8')) as { seq: number };
    writeFileSync(join(dataDir, 'audit-head.json'), JSON.stringify({ ...head, seq: 5 }));
    t = await startTestServer({ dataDir });
    expect(await t.admin.verifyAudit()).toMatchObject({
      ok: false,
      problem: 'recorded',
      reason: expect.stringMatching(/the head file did not match its MAC: it was altered/),
    });
  });
});
