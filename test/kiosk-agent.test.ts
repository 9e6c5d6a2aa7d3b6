/**
 * The kiosk agent against real things: a center server (startTestServer) behind a LAN that can
 * fail, a printer emulator on TCP speaking ESC/POS, a card-reader emulator on a socat pty, and
 * the agent's own SQLite file. What the citizen holds, the server counts.
 */
import { emulatedCardLines, generateTestCard } from '@novbe/card-reader';
import { KioskOutOfServiceError, ScanNotFoundError } from '@novbe/kiosk/agent';
import type { ReceivedTicket } from '@novbe/printer';
import { ReasonCode, type KioskTicket, createCenterClient } from '@novbe/protocol';
import { openDatabase } from '@novbe/store';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pairDevice } from '../apps/server/src/testing';
import { startKioskRig, type KioskRig } from './kiosk-rig';
import { hasNumber, hasRasterText } from './printed-ticket';

const OUTPUT = join(import.meta.dirname, '..', 'test-output', 'kiosk-agent');
let rig: KioskRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Saves a ticket's render for people to look at. */
function save(ticket: ReceivedTicket, name: string): void {
  mkdirSync(OUTPUT, { recursive: true });
  writeFileSync(join(OUTPUT, `${name}.png`), ticket.renderPng());
  writeFileSync(join(OUTPUT, `${name}.txt`), `${ticket.text}\n`);
}

/** The kiosk's own database, read beside the running agent. */
function kioskDb(r: KioskRig) {
  return openDatabase(join(r.dataDir, 'kiosk', 'kiosk.db'), { readonly: true });
}

function serverTickets(
  r: KioskRig,
): { id: string; number: string; offline: number; status: string; priority: string }[] {
  return r.server.server.db
    .prepare('SELECT id, number, offline, status, priority FROM tickets ORDER BY issued_at')
    .all() as never;
}

async function issue(r: KioskRig, serviceId: string, language: 'az' | 'ru' | 'en' = 'az', scanId?: string) {
  return r.agent.handlers['ticket-issue']({ serviceId, language, ...(scanId ? { scanId } : {}) });
}

describe('kiosk agent', () => {
  it('issues online and prints the right ticket in each language', async () => {
    rig = await startKioskRig();
    const { agent, printer } = rig;
    expect(agent.status()).toEqual({
      inService: true,
      reason: null,
      link: 'online',
      printer: 'ready',
      cardReader: 'absent',
      outbox: 0,
    });
    const catalog = await agent.handlers['kiosk-catalog']();
    expect(catalog.centerName.az).toBe('Bakı 1 saylı ASAN xidmət mərkəzi');
    expect(catalog.services.find((s) => s.id === 'just-marriage')).toMatchObject({ takesAppointments: true });
    const info = await agent.handlers['service-info']('dim-id-card');
    expect(info).toMatchObject({ serviceId: 'dim-id-card', waiting: 0 });

    const az = await issue(rig, 'dim-id-card', 'az');
    const ru = await issue(rig, 'dim-passport', 'ru');
    const en = await issue(rig, 'dim-id-card', 'en');
    for (const t of [az, ru, en]) expect(t).toMatchObject({ offline: false, appointment: null });
    expect(az.number).toMatch(/^A-\d{3}$/);
    expect(ru.number).toMatch(/^P-\d{3}$/);
    expect(en.peopleAhead).toBe(1); // the az ticket is waiting for the same service

    const printed = await printer.waitForTickets(3);
    expect(printer.stats.garbageBytes).toBe(0);
    const [pAz, pRu, pEn] = printed;
    save(pAz!, 'online-az');
    save(pRu!, 'online-ru');
    save(pEn!, 'online-en');
    // az: the center, the service and the label as rasters of the real letters (ə, not "?").
    expect(hasNumber(pAz!, az.number)).toBe(true);
    expect(hasRasterText(pAz!, 'Şəxsiyyət vəsiqəsinin verilməsi', 'heading')).toBe(true);
    expect(hasRasterText(pAz!, 'Sizin nömrəniz', 'body')).toBe(true);
    expect(pAz!.textLines).toContain('Terminal: Giriş 1');
    expect(pAz!.qrCodes).toEqual([`${rig.lan.url}/t/${az.id}`]);
    expect(hasNumber(pRu!, ru.number)).toBe(true);
    expect(pRu!.textLines.join(' ')).toContain('Общегражданский паспорт');
    expect(hasNumber(pEn!, en.number)).toBe(true);
    expect(pEn!.textLines.join(' ')).toContain('Identity card');
    expect(pEn!.textLines.join(' ')).toContain('People ahead: 1');

    // The server holds exactly these tickets, as online ones.
    expect(serverTickets(rig).map((t) => [t.id, t.number, t.offline])).toEqual([
      [az.id, az.number, 0],
      [ru.id, ru.number, 0],
      [en.id, en.number, 0],
    ]);
    // The heartbeat reached the server with the printer and link state.
    await agent.syncNow();
    const devices = (await (
      await fetch(`${rig.server.url}/v1/devices`, {
        headers: { authorization: `Bearer ${rig.server.admin.options.token}` },
      })
    ).json()) as { role: string; status: { printer: string; link: string; outbox: number } | null }[];
    expect(devices.find((d) => d.role === 'kiosk')!.status).toMatchObject({
      printer: 'ready',
      link: 'online',
      outbox: 0,
    });
  });

  it('goes on issuing with the server down, then drains the outbox exactly once', async () => {
    rig = await startKioskRig();
    const r = rig;
    const first = await issue(r, 'dim-id-card');
    expect(first.offline).toBe(false);

    await r.stopServer();
    const offline: KioskTicket[] = [];
    for (const serviceId of [
      'dim-id-card',
      'dim-passport',
      'dim-id-card',
      'dim-id-card',
      'dim-id-card',
      'dim-id-card',
    ])
      offline.push(await issue(r, serviceId));
    expect(offline.every((t) => t.offline)).toBe(true);
    // Four leased A numbers, then the kiosk's own prefix; P from its own block.
    expect(offline.map((t) => t.number)).toEqual(['A-001', 'P-001', 'A-002', 'A-003', 'A-004', 'K1-001']);
    expect(r.agent.status()).toMatchObject({ inService: true, link: 'offline', outbox: 6 });
    const printed = await r.printer.waitForTickets(7);
    expect(printed.map((p) => offline.find((t) => hasNumber(p, t.number))?.number ?? null).slice(1)).toEqual(
      offline.map((t) => t.number),
    );
    save(printed[6]!, 'offline-fallback-az');

    // The server comes back; an earlier drain had reached it but its answer was lost.
    const db = kioskDb(r);
    const token = (db.prepare("SELECT value FROM identity WHERE key = 'token'").get() as { value: string })
      .value;
    const payloads = (
      db.prepare("SELECT payload FROM outbox WHERE kind = 'sync' ORDER BY created_at").all() as {
        payload: string;
      }[]
    ).map((row) => JSON.parse(row.payload));
    db.close();
    await r.restartServer(async (server) => {
      const kiosk = createCenterClient({ baseUrl: server.url, token });
      const { results } = await kiosk.syncTickets({ body: { tickets: payloads.slice(0, 2) } });
      expect(results.map((x) => x.outcome)).toEqual(['accepted', 'accepted']);
    });
    await r.waitForStatus((s) => s.link === 'online' && s.outbox === 0);

    const onServer = serverTickets(r);
    expect(onServer).toHaveLength(r.printer.tickets.length);
    expect(new Set(onServer.map((t) => t.number)).size).toBe(onServer.length);
    expect(onServer.map((t) => t.id).sort()).toEqual([first, ...offline].map((t) => t.id).sort());
    expect(onServer.filter((t) => t.offline === 1)).toHaveLength(6);
    // A second drain has nothing to send.
    expect(await r.agent.syncNow()).toMatchObject({ acknowledged: 0, rejected: 0 });
    const after = kioskDb(r);
    expect(after.prepare('SELECT count(*) AS n FROM tickets WHERE synced_at IS NOT NULL').get()).toEqual({
      n: 6,
    });
    after.close();
    // Leases were topped up for today: the next offline ticket has a leased number again.
    await r.stopServer();
    expect((await issue(r, 'dim-id-card')).number).toMatch(/^A-\d{3}$/);
  });

  it('spends the online budget once on a hung server, then issues offline at once; the orphan is cancelled', async () => {
    rig = await startKioskRig();
    const r = rig;
    r.lan.blackhole();
    // How long each takes is for `npm run bench:kiosk` (hung server, offline); here, what is tried.
    const slow = await issue(r, 'dim-id-card');
    expect(slow.offline).toBe(true);
    expect(r.agent.status().link).toBe('offline');
    const fast = await issue(r, 'dim-id-card');
    expect(fast.offline).toBe(true);

    // The hung request may have been numbered by the server: it is queued for cancellation. One
    // cancel for two tickets: only the first tried the server, the second did not wait for it.
    const cancels = () => {
      const db = kioskDb(r);
      const n = (db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'cancel'").get() as { n: number })
        .n;
      db.close();
      return n;
    };
    expect(cancels()).toBe(1);
    r.lan.target(Number(new URL(r.server.url).port));
    await r.waitForStatus((s) => s.link === 'online' && s.outbox === 0);
    // The server never saw it; a cancel that finds nothing is retried for a while, then settled.
    expect(cancels()).toBe(1);
    r.advance(60_000);
    await r.agent.syncNow();
    expect(cancels()).toBe(0);
    expect(serverTickets(r).map((t) => t.id)).toEqual([slow.id, fast.id]);
  });

  it('goes out of service when the paper runs out and back without a restart', async () => {
    rig = await startKioskRig();
    const r = rig;
    await issue(r, 'dim-id-card');
    r.printer.setPaper('out');
    await r.waitForStatus((s) => s.reason === 'paper-out' && !s.inService && s.printer === 'paper-out');
    const refused = await issue(r, 'dim-id-card').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KioskOutOfServiceError);
    expect(r.agent.errorBody(refused).code).toBe(ReasonCode.OutOfService);
    expect(serverTickets(r)).toHaveLength(1); // refused before the server was asked

    r.printer.loadPaper();
    await r.waitForStatus((s) => s.inService);
    expect((await issue(r, 'dim-id-card')).offline).toBe(false);

    // The roll ends in the middle of a ticket: never reported printed, cancelled on the server.
    r.printer.loadPaper(300);
    const midway = await issue(r, 'dim-passport').catch((e: unknown) => e);
    expect(midway).toBeInstanceOf(KioskOutOfServiceError);
    expect((midway as KioskOutOfServiceError).reason).toBe('paper-out');
    expect(r.agent.status()).toMatchObject({ inService: false, reason: 'paper-out' });
    const cancelled = serverTickets(r).at(-1)!;
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    const db = kioskDb(r);
    expect(db.prepare('SELECT state FROM tickets WHERE id = ?').get(cancelled.id)).toEqual({ state: 'void' });
    db.close();

    // Offline too: a refused offline ticket leaves the outbox, so the server never hears of it.
    await r.stopServer();
    r.printer.loadPaper();
    await r.waitForStatus((s) => s.inService && s.link === 'offline');
    r.printer.loadPaper(300);
    await expect(issue(r, 'dim-id-card')).rejects.toBeInstanceOf(KioskOutOfServiceError);
    expect(r.agent.status().outbox).toBe(0);
    r.printer.loadPaper();
    await r.waitForStatus((s) => s.inService);
    const after = await issue(r, 'dim-id-card');
    expect(after.offline).toBe(true);
    expect(r.agent.status().outbox).toBe(1);
  });

  it('checks a citizen in to their appointment from the ID card, and gives the elderly priority', async () => {
    rig = await startKioskRig({
      cardReader: true,
      agent: { logLevel: process.env.KIOSK_LOG ?? 'silent' } as never,
    });
    const r = rig;
    const reader = r.cardReader!;
    expect(r.agent.status().cardReader).toBe('ready');
    const booking = await pairDevice(r.server.admin, { role: 'booking', name: '108' });
    const slotAt = Date.parse('2026-11-23T10:30:00+04:00');
    await booking.bookAppointment({ body: { serviceId: 'just-marriage', slotAt, fin: '5ZR7HN2' } });
    r.advance(10 * 60_000); // 10:10, inside the arrival window

    const scanning = r.agent.handlers['card-scan']({ timeoutMs: 5_000 });
    await reader.presentCard(generateTestCard({ fin: '5ZR7HN2' }).lines);
    const scan = await scanning;
    expect(scan).toMatchObject({
      status: 'read',
      appointment: { serviceId: 'just-marriage', slotAt, window: 'on-time' },
      entitlement: null,
    });
    if (scan.status !== 'read') throw new Error('no read');
    expect(JSON.stringify(scan)).not.toContain('5ZR7HN2');
    const ticket = await issue(r, 'just-marriage', 'az', scan.scanId);
    expect(ticket.appointment).toBe('checked-in');
    expect(serverTickets(r).at(-1)).toMatchObject({ id: ticket.id, priority: 'appointment' });
    // The read is gone once used.
    await expect(issue(r, 'just-marriage', 'az', scan.scanId)).rejects.toBeInstanceOf(ScanNotFoundError);

    const elderly = r.agent.handlers['card-scan']({ timeoutMs: 5_000 });
    await reader.presentCard(generateTestCard({ fin: '7QW2E4R', birthDate: '1950-05-01' }).lines);
    const old = await elderly;
    expect(old).toMatchObject({ status: 'read', appointment: null, entitlement: 'elderly' });
    if (old.status !== 'read') throw new Error('no read');
    const priority = await issue(r, 'dim-id-card', 'ru', old.scanId);
    expect(priority.appointment).toBe('none');
    expect(serverTickets(r).at(-1)).toMatchObject({ id: priority.id, priority: 'priority' });

    const bad = r.agent.handlers['card-scan']({ timeoutMs: 5_000 });
    await reader.presentCard(emulatedCardLines({ fin: '7QW2E4R', badCheckDigit: 'composite' }));
    expect(await bad).toEqual({ status: 'rejected', reason: 'bad-check-digit' });

    const skipped = r.agent.handlers['card-scan']({ timeoutMs: 5_000 });
    await r.agent.handlers['card-cancel']();
    expect(await skipped).toEqual({ status: 'cancelled' });
    expect(await r.agent.handlers['card-scan']({ timeoutMs: 150 })).toEqual({ status: 'timeout' });
  });
});
