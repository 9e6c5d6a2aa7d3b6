import type { OfflineTicket } from '@novbe/protocol';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKioskDatabase } from './kiosk-database';
import { TicketJournal } from './ticket-journal';
import type { Db } from '@novbe/store';

let dir: string;
let db: Db;
let journal: TicketJournal;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'novbe-kiosk-journal-'));
  db = openKioskDatabase(dir);
  journal = new TicketJournal(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
/** An offline ticket committed with its outbox row, as the issuer does. */
function offline(serviceId = 'dim-id-card', issuedAt = 1_000 + seq): OfflineTicket {
  seq++;
  const t: OfflineTicket = {
    id: ulid(issuedAt),
    serviceId,
    language: 'az',
    number: `A-${String(seq).padStart(3, '0')}`,
    issuedAt,
  };
  journal.insert({
    id: t.id,
    number: t.number,
    day: '2026-11-23',
    serviceId,
    language: 'az',
    mode: 'offline',
    issuedAt,
    priorityReason: null,
    leaseId: null,
    peopleAhead: 0,
  });
  journal.enqueueSync(t, issuedAt);
  return t;
}

describe('TicketJournal', () => {
  it('posts only tickets the printer confirmed (or may have printed), oldest first', () => {
    const a = offline();
    const b = offline();
    const c = offline();
    expect(journal.syncBatch(10)).toEqual([]); // still printing
    journal.markPrinted(b.id, 2_000);
    journal.markPrinted(a.id, 2_001);
    expect(journal.syncBatch(10)).toEqual([a, b]);
    expect(journal.syncBatch(1)).toEqual([a]);
    // c was printing when the agent stopped: kept, and synced, as possibly printed.
    expect(journal.recoverInterrupted()).toBe(1);
    expect(journal.get(c.id)!.state).toBe('uncertain');
    expect(journal.syncBatch(10)).toEqual([a, b, c]);
  });

  it('a refused print voids the ticket and takes it out of the outbox', () => {
    const a = offline();
    journal.markVoid(a.id, 'the printer is out of paper');
    expect(journal.get(a.id)).toMatchObject({ state: 'void', number: 'A-' + String(seq).padStart(3, '0') });
    expect(journal.counts()).toEqual({ pending: 0, rejected: 0, cancels: 0 });
    expect(journal.syncBatch(10)).toEqual([]);
  });

  it('drops acknowledged rows (accepted or duplicate) and keeps rejected ones with the reason', () => {
    const [a, b, c] = [offline(), offline(), offline()];
    for (const t of [a, b, c]) journal.markPrinted(t.id, 3_000);
    const result = journal.applySyncResults(
      [
        { id: a.id, outcome: 'accepted' },
        { id: b.id, outcome: 'duplicate' },
        { id: c.id, outcome: 'rejected', reason: 'number A-003 is already taken today' },
      ],
      4_000,
    );
    expect(result).toEqual({ acknowledged: 2, rejected: 1 });
    expect(journal.get(a.id)!.syncedAt).toBe(4_000);
    expect(journal.get(b.id)!.syncedAt).toBe(4_000);
    expect(journal.get(c.id)!.syncedAt).toBeNull();
    expect(journal.counts()).toEqual({ pending: 0, rejected: 1, cancels: 0 });
    expect(journal.rejected()).toEqual([{ ticketId: c.id, reason: 'number A-003 is already taken today' }]);
    expect(journal.syncBatch(10)).toEqual([]); // a rejected row is not posted again and again
  });

  it('queues a cancellation once per ticket, until removed', () => {
    const id = ulid();
    journal.enqueueCancel(id, 5);
    journal.enqueueCancel(id, 6);
    expect(journal.pendingCancels()).toEqual([{ ticketId: id, createdAt: 5 }]);
    journal.noteAttempt([id], 'cancel', 'server unreachable');
    expect(db.prepare('SELECT attempts, last_error FROM outbox').get()).toEqual({
      attempts: 1,
      last_error: 'server unreachable',
    });
    journal.removeCancel(id);
    expect(journal.counts().cancels).toBe(0);
  });

  it('counts the offline tickets a service got here since a moment, void ones aside', () => {
    const a = offline('dim-id-card', 10);
    offline('dim-id-card', 20);
    offline('dim-passport', 30);
    journal.markVoid(a.id, 'paper out');
    expect(journal.offlineIssuedSince('dim-id-card', 0)).toBe(1);
    expect(journal.offlineIssuedSince('dim-id-card', 20)).toBe(0);
    expect(journal.ofDay('2026-11-23').map((t) => t.serviceId)).toEqual([
      'dim-id-card',
      'dim-id-card',
      'dim-passport',
    ]);
  });
});
