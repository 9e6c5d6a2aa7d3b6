import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKioskDatabase } from './kiosk-database';
import { LeaseBook } from './lease-book';

const DAY = '2026-11-23';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'novbe-kiosk-lease-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lease = (id: string, prefix: string, first: number, last: number, day = DAY) => ({
  id,
  kioskId: 'k',
  prefix,
  day,
  first,
  last,
});

describe('LeaseBook', () => {
  it('spends the oldest block first, then the next, then the K<n> sequence', () => {
    const db = openKioskDatabase(dir);
    const book = new LeaseBook(db, 7);
    book.add([lease('l1', 'A', 11, 12)], 1);
    book.add([lease('l2', 'A', 31, 31), lease('l3', 'B', 5, 6)], 2);
    const taken = [1, 2, 3, 4, 5].map(() => book.take('A', DAY));
    expect(taken.map((t) => t.number)).toEqual(['A-011', 'A-012', 'A-031', 'K7-001', 'K7-002']);
    expect(taken.map((t) => t.leaseId)).toEqual(['l1', 'l1', 'l2', undefined, undefined]);
    // The K<n> sequence is the kiosk's, shared by every service: the number alone is unique.
    book.add([], 3);
    expect(book.take('C', DAY).number).toBe('K7-003');
    expect(book.remaining('B', DAY)).toBe(2);
    db.close();
  });

  it('keeps its cursors across a restart', () => {
    const db = openKioskDatabase(dir);
    const book = new LeaseBook(db, 1);
    book.add([lease('l1', 'A', 1, 3)], 1);
    expect(book.take('A', DAY).number).toBe('A-001');
    db.close();
    const reopened = openKioskDatabase(dir);
    const again = new LeaseBook(reopened, 1);
    again.add([lease('l1', 'A', 1, 3)], 5); // the server's answer replayed: the cursor stays
    expect(again.take('A', DAY).number).toBe('A-002');
    expect(again.remaining('A', DAY)).toBe(1);
    reopened.close();
  });

  it('spends nothing when the ticket transaction around it rolls back', () => {
    const db = openKioskDatabase(dir);
    const book = new LeaseBook(db, 1);
    book.add([lease('l1', 'A', 1, 3)], 1);
    expect(() =>
      db.transaction(() => {
        book.take('A', DAY);
        book.take('Z', DAY);
        throw new Error('the ticket insert failed');
      })(),
    ).toThrow('the ticket insert failed');
    expect(book.take('A', DAY).number).toBe('A-001');
    expect(book.take('Z', DAY).number).toBe('K1-001');
    db.close();
  });

  it("never uses another day's block, and prunes other days", () => {
    const db = openKioskDatabase(dir);
    const book = new LeaseBook(db, 2);
    book.add([lease('old', 'A', 1, 9, '2026-11-22')], 1);
    book.take('A', '2026-11-22');
    expect(book.take('A', DAY).number).toBe('K2-001');
    book.prune(DAY);
    expect(db.prepare('SELECT count(*) AS n FROM leases').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT day FROM fallback_sequences').all()).toEqual([{ day: DAY }]);
    db.close();
  });

  it('refuses a kiosk number outside 1..99 at once', () => {
    const db = openKioskDatabase(dir);
    expect(() => new LeaseBook(db, 100)).toThrow(/1\.\.99/);
    db.close();
  });
});
