/**
 * The center server as a real process: killed with SIGKILL in the middle of a load, it comes
 * back with every ticket it acknowledged; an edited event-log row is caught by the hash chain.
 */
import { createCenterClient, type CenterClient } from '@novbe/protocol';
import { APPEND_ONLY_TRIGGERS, openDatabase } from '@novbe/store';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ADMIN = 'crash-test-admin-password';
let dataDir: string;
let port: number;
let child: ChildProcess | null = null;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<CenterClient> {
  child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    env: {
      ...process.env,
      NOVBE_HOST: '127.0.0.1',
      NOVBE_PORT: String(port),
      NOVBE_DATA_DIR: dataDir,
      NOVBE_ADMIN_PASSWORD: ADMIN,
      NOVBE_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const client = createCenterClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000 });
  for (let i = 0; ; i++) {
    try {
      await client.health();
      return client;
    } catch (e) {
      if (i > 300) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function kill9(): Promise<void> {
  const c = child!;
  child = null;
  return new Promise((resolve) => {
    c.once('exit', () => resolve());
    c.kill('SIGKILL');
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'novbe-crash-'));
  port = await freePort();
});
afterAll(async () => {
  if (child) await kill9();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('center server process', () => {
  it('keeps every acknowledged ticket across kill -9 mid-load', async () => {
    const anon = await startServer();
    const admin = anon.withToken((await anon.login({ body: { login: 'admin', password: ADMIN } })).token);
    const { code } = await admin.createPairingCode({ body: { role: 'kiosk', name: 'Door kiosk' } });
    const kiosk = anon.withToken((await anon.pair({ body: { code } })).token);

    const acknowledged = new Map<string, string>();
    let stop = false;
    const services = ['dim-id-card', 'dim-passport', 'just-poa', 'sp-pension'];
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const id = ulid();
        try {
          const r = await kiosk.issueTicket({
            body: {
              id,
              serviceId: services[(w + i) % services.length]!,
              language: 'az',
            },
          });
          acknowledged.set(id, r.ticket.number);
        } catch {
          return; // the server died under us: this request was never acknowledged
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    while (acknowledged.size < 300) await new Promise((r) => setTimeout(r, 5));
    await kill9(); // requests are in flight at this moment
    stop = true;
    await Promise.all(workers);
    expect(acknowledged.size).toBeGreaterThanOrEqual(300);

    const back = await startServer();
    const kiosk2 = back.withToken(kiosk.options.token!);
    for (const [id, number] of acknowledged)
      expect((await kiosk2.ticket({ params: { id: id } })).number).toBe(number);
    const numbers = [...acknowledged.values()];
    expect(new Set(numbers).size).toBe(numbers.length);
    // Numbering goes on after the highest number issued before the crash, never reusing one.
    const next = await kiosk2.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } });
    expect(numbers).not.toContain(next.ticket.number);
    const admin2 = back.withToken((await back.login({ body: { login: 'admin', password: ADMIN } })).token);
    const verify = await fetch(`http://127.0.0.1:${port}/v1/audit/verify`, {
      headers: { authorization: `Bearer ${admin2.options.token}` },
    });
    expect(await verify.json()).toMatchObject({ ok: true });
    await kill9();
  }, 60_000);

  it('detects an event-log row edited behind its back', async () => {
    const db = openDatabase(join(dataDir, 'center.db'));
    db.exec('DROP TRIGGER events_noUpdate');
    const row = db
      .prepare("SELECT seq, payload FROM events WHERE type = 'ticket.issued' LIMIT 1 OFFSET 10")
      .get() as {
      seq: number;
      payload: string;
    };
    db.prepare('UPDATE events SET payload = ? WHERE seq = ?').run(
      row.payload.replace('"language":"az"', '"language":"en"'),
      row.seq,
    );
    // The trigger put back, as someone covering their traces would: the chain still shows it.
    db.exec(APPEND_ONLY_TRIGGERS.events_noUpdate!);
    db.close();

    const anon = await startServer();
    const admin = anon.withToken((await anon.login({ body: { login: 'admin', password: ADMIN } })).token);
    const verify = await fetch(`http://127.0.0.1:${port}/v1/audit/verify`, {
      headers: { authorization: `Bearer ${admin.options.token}` },
    });
    expect(await verify.json()).toEqual({
      ok: false,
      seq: row.seq,
      problem: 'hash-mismatch',
      reason: `event ${row.seq} does not match its hash: it was edited`,
    });
  }, 60_000);
});
