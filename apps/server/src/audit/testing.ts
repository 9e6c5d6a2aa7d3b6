import { APPEND_ONLY_TRIGGERS, eventHash, openDatabase, type Db } from '@novbe/store';
import { ulid } from 'ulid';
import { join } from 'node:path';
import { pairDevice, type TestServer } from '../testing';

/** Tickets issued by a new kiosk: a log of 1 + `count` events (the pairing, then the issues). */
export async function issueTickets(t: TestServer, count: number): Promise<void> {
  const kiosk = await pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
  for (let i = 0; i < count; i++)
    await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } });
}

/** Opens the server's database as someone with the file would, while the server runs or not. */
export function openCenterDb(dataDir: string): Db {
  return openDatabase(join(dataDir, 'center.db'));
}

export function dropTriggers(db: Db): void {
  for (const name of Object.keys(APPEND_ONLY_TRIGGERS)) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
}

export function restoreTriggers(db: Db): void {
  dropTriggers(db);
  for (const sql of Object.values(APPEND_ONLY_TRIGGERS)) db.exec(sql);
}

/**
 * Changes the log as an attacker with the database file but not the key would, covering the
 * traces they can: the triggers dropped for the change, then put back.
 */
export function tamper(dataDir: string, change: (db: Db) => void): void {
  const db = openCenterDb(dataDir);
  try {
    dropTriggers(db);
    change(db);
    restoreTriggers(db);
  } finally {
    db.close();
  }
}

interface EventRow {
  seq: number;
  at: number;
  type: string;
  version: number;
  payload: string;
  prev_hash: string;
  mac: string | null;
}

/**
 * Rewrites the events from `seq` on: `edit` may change a row (its payload, its number), then
 * every hash from there is recomputed so the plain chain verifies again. MACs stay as they were
 * (or become `mac`): without the key nobody can compute the right ones. Triggers must be off.
 */
export function rewriteFrom(
  db: Db,
  seq: number,
  edit: (row: EventRow) => EventRow = (row) => row,
  mac: (row: EventRow) => string | null = (row) => row.mac,
): void {
  const rows = db.prepare('SELECT * FROM events WHERE seq >= ? ORDER BY seq').all(seq) as EventRow[];
  const first = db.prepare('SELECT hash FROM events WHERE seq < ? ORDER BY seq DESC LIMIT 1').get(seq) as
    { hash: string } | undefined;
  let prev = first?.hash ?? '0'.repeat(64);
  db.prepare('DELETE FROM events WHERE seq >= ?').run(seq);
  const insert = db.prepare(
    'INSERT INTO events (seq, at, type, version, payload, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const original of rows) {
    const r = edit(original);
    const hash = eventHash(prev, r.seq, r.at, r.type, r.version, r.payload);
    insert.run(r.seq, r.at, r.type, r.version, r.payload, prev, hash, mac(r));
    prev = hash;
  }
}
