/**
 * The kiosk end to end, through the real agent: the renderer built as production ships it, in
 * Debian's Chromium at 1080×1920, talking to the agent over its WebSocket carrier; the agent
 * issues through a real center server and prints on the printer emulator. A citizen walks to a
 * printed ticket in each language; then the paper runs out and comes back, without a restart.
 */
import type { Language } from '@novbe/core';
import type { ReceivedTicket } from '@novbe/printer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KioskPage } from '../apps/kiosk/renderer/tests/kiosk-page';
import {
  buildRenderer,
  KIOSK_VIEWPORT,
  launchChromium,
  removeBuild,
  startKioskStation,
  type KioskStation,
} from './kiosk-station';
import { hasNumber, hasRasterText } from './printed-ticket';

const OUTPUT = join(import.meta.dirname, '..', 'test-output', 'kiosk-e2e');

let distDir: string;
let station: KioskStation;
let browser: Browser;
let context: BrowserContext;
let kiosk: KioskPage;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  distDir = await buildRenderer();
  station = await startKioskStation(distDir);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: KIOSK_VIEWPORT, hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    if (/content security policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  kiosk = new KioskPage(page as never);
  await kiosk.open(station.pageUrl());
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await station?.close();
  if (distDir) removeBuild(distDir);
});

// A failed test must not leave the next one on its screen: only then is the page loaded again.
afterEach(async () => {
  if (!(await kiosk.page.locator('[data-screen="attract"]').isVisible())) await kiosk.open(station.pageUrl());
});

async function shot(name: string): Promise<void> {
  await kiosk.page.evaluate(() => document.fonts.ready);
  await kiosk.page.screenshot({ path: join(OUTPUT, `${name}.png`), animations: 'disabled' });
}

/** Attract → agency → service → "get ticket" (no card reader: it prints at once) → the number. */
async function takeTicket(language: Language, serviceId: string, prefix: string): Promise<string> {
  await kiosk.startIn(language);
  await kiosk.chooseAgency('dim');
  await kiosk.chooseService(serviceId);
  await shot(`${prefix}-service`);
  await kiosk.tap('get-ticket');
  await kiosk.expectScreen('ticket');
  const number = (await kiosk.ticketNumber().textContent())?.trim() ?? '';
  await shot(`${prefix}-ticket`);
  return number;
}

async function printedAfter(count: number): Promise<ReceivedTicket> {
  const tickets = await station.rig.printer.waitForTickets(count + 1, 10_000);
  return tickets[count]!;
}

function save(ticket: ReceivedTicket, name: string): void {
  writeFileSync(join(OUTPUT, `${name}.png`), ticket.renderPng());
  writeFileSync(join(OUTPUT, `${name}.txt`), `${ticket.text}\n`);
}

const CASES = [
  { language: 'az', serviceId: 'dim-id-card', name: 'Şəxsiyyət vəsiqəsinin verilməsi', prefix: /^A-\d{3}$/ },
  { language: 'ru', serviceId: 'dim-passport', name: 'Общегражданский паспорт', prefix: /^P-\d{3}$/ },
  { language: 'en', serviceId: 'dim-id-card', name: 'Identity card', prefix: /^A-\d{3}$/ },
] as const;

describe('kiosk end to end, through the real agent', () => {
  for (const c of CASES) {
    it(`a citizen walks to a printed ticket in ${c.language}`, async () => {
      const printer = station.rig.printer;
      const before = printer.tickets.length;
      const number = await takeTicket(c.language, c.serviceId, c.language);
      expect(number).toMatch(c.prefix);

      const ticket = await printedAfter(before);
      save(ticket, `printed-${c.language}`);
      expect(printer.stats.garbageBytes).toBe(0);
      // The number on screen is the number on paper (drawn large, as a raster).
      expect(hasNumber(ticket, number)).toBe(true);
      if (c.language === 'az') {
        // Azerbaijani letters (ə, ş) are drawn, not sent as code-page text.
        expect(hasRasterText(ticket, c.name, 'heading')).toBe(true);
        expect(hasRasterText(ticket, 'Sizin nömrəniz', 'body')).toBe(true);
      } else {
        expect(ticket.textLines.join(' ')).toContain(c.name);
      }
      // The server holds the same ticket.
      const onServer = station.rig.server.server.db
        .prepare('SELECT number FROM tickets WHERE number = ?')
        .all(number);
      expect(onServer).toHaveLength(1);

      await kiosk.tap('done');
      await kiosk.expectScreen('attract');
    }, 30_000);
  }

  it('paper out → out-of-service screen → paper back → a ticket prints again, no restart', async () => {
    const { printer } = station.rig;
    printer.setPaper('out');
    await kiosk.expectScreen('out-of-service');
    await shot('out-of-service-paper');
    expect(await kiosk.screen().getAttribute('data-reason')).toBe('paper-out');

    printer.setPaper('ok');
    await kiosk.expectScreen('attract');
    const before = printer.tickets.length;
    const number = await takeTicket('az', 'dim-id-card', 'after-paper');
    const ticket = await printedAfter(before);
    save(ticket, 'printed-after-paper');
    expect(hasNumber(ticket, number)).toBe(true);
    await kiosk.tap('done');
    await kiosk.expectScreen('attract');
    expect(problems, 'the page broke its CSP or threw').toEqual([]);
  }, 30_000);
});
