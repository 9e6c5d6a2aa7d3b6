import { openDatabase } from '@novbe/store';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from './app';
import { loadConfig } from './config';
import { loadFinKey } from './fin-key';
import { KeyFileError } from './key-file';
import { pairDevice, startTestServer, type TestServer } from './testing';

const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+04:00`); // a Monday in Baku
const FIN = '5ZK3M9T';
const clock = () => at('08:00');
let t: TestServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'novbe-fin-key-'));
  dirs.push(d);
  return d;
}

/** Every byte the database keeps on the disk: the file, its WAL and shared memory. */
function databaseBytes(dataDir: string): Buffer {
  return Buffer.concat(
    readdirSync(dataDir)
      .filter((f) => f.startsWith('center.db'))
      .map((f) => readFileSync(join(dataDir, f))),
  );
}

const keyIn = (path: string) => readFileSync(path, 'utf8').trim();
const settingRow = (t: TestServer) =>
  t.server.db.prepare("SELECT value FROM settings WHERE key = 'fin-key'").get();

/** Books an appointment for FIN at 12:00 and returns a kiosk that can look it up. */
async function bookOne(t: TestServer) {
  const booking = await pairDevice(t.admin, { role: 'booking', name: 'portal' });
  await booking.bookAppointment({ body: { serviceId: 'just-contract', slotAt: at('12:00'), fin: FIN } });
  return pairDevice(t.admin, { role: 'kiosk', name: 'K1' });
}

const startFails = (dataDir: string, overrides: Record<string, unknown> = {}) =>
  buildServer(
    loadConfig({
      env: {},
      overrides: { dataDir, adminPassword: 'admin-password', logLevel: 'silent', ...overrides },
    }),
  );

describe('the FIN key', () => {
  it('is generated at first start into its own file, owner-only, and never into the database', async () => {
    t = await startTestServer({ clock });
    const path = join(t.dataDir, 'fin.key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const key = keyIn(path);
    expect(key.length).toBeGreaterThanOrEqual(43);
    const kiosk = await bookOne(t);
    expect(settingRow(t)).toBeUndefined();
    expect(databaseBytes(t.dataDir).includes(key)).toBe(false);

    // The same key after a restart: the appointment is found by the citizen's card.
    const dataDir = t.dataDir;
    await t.close({ keepData: true });
    t = await startTestServer({ clock, dataDir });
    expect(keyIn(path)).toBe(key);
    const found = await t.admin.withToken(kiosk.options.token!).findAppointments({ body: { fin: FIN } });
    expect(found.appointments).toHaveLength(1);
  });

  it('is moved out of a database that an older server kept it in, so its appointments still match', async () => {
    t = await startTestServer({ clock });
    const kiosk = await bookOne(t);
    const dataDir = t.dataDir;
    const path = join(dataDir, 'fin.key');
    const key = keyIn(path);
    await t.close({ keepData: true });
    // The layout an older server left: the key in the settings table, no key file.
    unlinkSync(path);
    const db = openDatabase(join(dataDir, 'center.db'));
    db.prepare("INSERT INTO settings (key, value) VALUES ('fin-key', ?)").run(key);
    db.close();
    expect(databaseBytes(dataDir).includes(key)).toBe(true);

    t = await startTestServer({ clock, dataDir });
    expect(keyIn(path)).toBe(key);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(settingRow(t)).toBeUndefined();
    expect(databaseBytes(dataDir).includes(key)).toBe(false);
    const found = await t.admin.withToken(kiosk.options.token!).findAppointments({ body: { fin: FIN } });
    expect(found.appointments).toHaveLength(1);
  });

  it('finishes a move that stopped between writing the file and erasing the row', async () => {
    t = await startTestServer({ clock });
    const dataDir = t.dataDir;
    const key = keyIn(join(dataDir, 'fin.key'));
    await t.close({ keepData: true });
    const db = openDatabase(join(dataDir, 'center.db'));
    db.prepare("INSERT INTO settings (key, value) VALUES ('fin-key', ?)").run(key);
    db.close();
    t = await startTestServer({ clock, dataDir });
    expect(settingRow(t)).toBeUndefined();
    expect(keyIn(join(dataDir, 'fin.key'))).toBe(key);
  });

  it('is made anew for a database restored without it, which still serves but whose bookings no longer match', async () => {
    t = await startTestServer({ clock });
    const kiosk = await bookOne(t);
    const dataDir = t.dataDir;
    const old = keyIn(join(dataDir, 'fin.key'));
    await t.close({ keepData: true });
    unlinkSync(join(dataDir, 'fin.key'));
    const db = openDatabase(join(dataDir, 'center.db'));
    const made = loadFinKey(db, { dataDir });
    db.close();
    expect(made).toMatchObject({ source: 'created', unmatched: 1 });
    expect(made.key).not.toBe(old);

    t = await startTestServer({ clock, dataDir });
    const found = await t.admin.withToken(kiosk.options.token!).findAppointments({ body: { fin: FIN } });
    expect(found.appointments).toEqual([]);
  });

  it('lives where finKeyFile says, and is not made when the configuration gives the key', async () => {
    const keys = tempDir();
    t = await startTestServer({ clock, config: { finKeyFile: join(keys, 'center-fin.key') } });
    expect(statSync(join(keys, 'center-fin.key')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(t.dataDir, 'fin.key'))).toBe(false);
    await t.close();

    t = await startTestServer({ clock, config: { finKey: 'a-key-from-the-configuration' } });
    expect(existsSync(join(t.dataDir, 'fin.key'))).toBe(false);
    await bookOne(t);
    expect(settingRow(t)).toBeUndefined();
  });

  it('stops the server with the file named when it is readable by others, unreadable or not a key', async () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'fin.key');
    writeFileSync(path, 'k'.repeat(43), { mode: 0o644 });
    chmodSync(path, 0o644);
    await expect(startFails(dataDir)).rejects.toThrow(KeyFileError);
    await expect(startFails(dataDir)).rejects.toThrow(`key file ${path}: permissions 644`);
    await expect(startFails(dataDir)).rejects.toThrow(/chmod 600/);

    chmodSync(path, 0o600);
    writeFileSync(path, 'short\n');
    await expect(startFails(dataDir)).rejects.toThrow(`key file ${path}: does not hold a key`);

    unlinkSync(path);
    mkdirSync(path);
    await expect(startFails(dataDir)).rejects.toThrow(`key file ${path}: not a regular file`);
  });

  it('refuses a key file that disagrees with the key still in the database', async () => {
    const dataDir = tempDir();
    await (await startFails(dataDir)).close();
    const db = openDatabase(join(dataDir, 'center.db'));
    db.prepare("INSERT INTO settings (key, value) VALUES ('fin-key', ?)").run('x'.repeat(43));
    db.close();
    await expect(startFails(dataDir)).rejects.toThrow(/holds another FIN key than the one in the database/);
  });
});
