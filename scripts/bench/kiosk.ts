/**
 * `npm run bench:kiosk [-- --json --iterations N]`: the kiosk as a citizen meets it. A real center
 * server behind the kiosk rig's LAN forwarder, the real agent with its WebSocket carrier, the
 * renderer built as production ships it, in Debian's Chromium at 1080×1920, and a printer
 * emulator on TCP. Measures touch "get ticket" → first byte at the printer (online; with the server
 * hanging just before the touch, which costs the online budget once; offline with the server
 * unreachable), the renderer's JS size gzipped, and cold start to the attract screen.
 */
import { percentiles } from '@novbe/core';
import { PrinterEmulator } from '@novbe/printer';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { KioskPage } from '../../apps/kiosk/renderer/tests/kiosk-page';
import {
  buildRenderer,
  KIOSK_VIEWPORT,
  launchChromium,
  removeBuild,
  startKioskStation,
} from '../../test/kiosk-station';

const TARGETS = { touchToPrintP95Ms: 300, rendererJsGzipKb: 250, coldStartMs: 1500 };
/** How long the agent waits for the server before it issues offline (the rig's, half the default). */
const ONLINE_BUDGET_MS = 400;
const mark = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
/** Services of one agency, taken in turn so the queue is not one line. */
const SERVICES = ['dim-id-card', 'dim-passport', 'dim-registration'];

interface Spread {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

function spread(xs: readonly number[]): Spread {
  const s = percentiles(xs);
  const r = (x: number) => Number(x.toFixed(1));
  return { p50: r(s.p50), p95: r(s.p95), max: r(s.max), n: s.n };
}

/** Sum of the gzip sizes of the built JS files, in KB (1024 bytes). */
function rendererJsGzipKb(distDir: string): { kb: number; files: number; rawKb: number } {
  const files = readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  let gz = 0;
  let raw = 0;
  for (const f of files) {
    const body = readFileSync(join(distDir, f));
    raw += body.length;
    gz += gzipSync(body).length;
  }
  return { kb: Number((gz / 1024).toFixed(1)), files: files.length, rawKb: Number((raw / 1024).toFixed(1)) };
}

/**
 * Touch → first byte, `n` times: walk attract → agency → service with the page object, click
 * "get ticket", and time from just before the click to the emulator's first `bytes` event (status
 * polling is off, so every byte after the click belongs to that ticket: the pre-print status query
 * first, then the ticket). Also times the first chunk of the ticket body and the number on screen.
 * `beforeClick` runs just before each click (the LAN may fail then); `afterTicket` after each.
 */
async function touchToPrint(
  printer: PrinterEmulator,
  kiosk: KioskPage,
  n: number,
  hooks: { beforeClick?: () => void; afterTicket?: () => Promise<unknown> } = {},
) {
  const firstByte: number[] = [];
  const bodyByte: number[] = [];
  const onScreen: number[] = [];
  const numbers: string[] = [];
  for (let i = 0; i < n; i++) {
    const printed = printer.tickets.length;
    await kiosk.startIn('az');
    await kiosk.chooseAgency('dim');
    await kiosk.chooseService(SERVICES[i % SERVICES.length]!);
    let first = 0;
    let body = 0;
    const onBytes = ({ at, length }: { at: number; length: number }) => {
      if (!first) first = at;
      if (!body && length > 64) body = at;
    };
    printer.on('bytes', onBytes);
    const button = kiosk.byTestId('get-ticket');
    await button.waitFor({ state: 'visible' });
    hooks.beforeClick?.();
    const t0 = performance.now();
    await button.click();
    await kiosk.ticketNumber().waitFor({ state: 'visible' });
    const shown = performance.now();
    await printer.waitForTickets(printed + 1, 10_000);
    printer.off('bytes', onBytes);
    firstByte.push(first - t0);
    bodyByte.push(body - t0);
    onScreen.push(shown - t0);
    numbers.push((await kiosk.ticketNumber().textContent()) ?? '?');
    await kiosk.tap('done');
    await kiosk.expectScreen('attract');
    await hooks.afterTicket?.();
  }
  return { firstByte: spread(firstByte), body: spread(bodyByte), onScreen: spread(onScreen), numbers };
}

/** Fresh context each time: navigate, and time until the attract screen is visible. */
async function coldStart(browser: Browser, url: string, n: number) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext({ viewport: KIOSK_VIEWPORT, hasTouch: true });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(url);
    await page.locator('[data-screen="attract"]').waitFor({ state: 'visible', timeout: 10_000 });
    times.push(performance.now() - t0);
    await context.close();
  }
  return spread(times);
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      iterations: { type: 'string', default: '30' },
    },
  });
  const n = Number(values.iterations);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--iterations must be a positive integer, not "${values.iterations}"`);
  const coldRuns = Math.max(10, Math.round(n / 3));
  const hungRuns = Math.max(5, Math.round(n / 6));

  console.log(
    `Növbə kiosk benchmark — node ${process.version}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}`,
  );
  const distDir = await buildRenderer();
  const size = rendererJsGzipKb(distDir);

  // The rig's own printer polls every 100 ms; this one is not polled, so the bytes after a
  // click are that ticket's alone.
  const printer = new PrinterEmulator();
  const { port } = await printer.listenTcp(0);
  const station = await startKioskStation(distDir, {
    agent: {
      printer: {
        connection: { type: 'tcp', host: '127.0.0.1', port },
        pollIntervalMs: 0,
        responseTimeoutMs: 500,
        printTimeoutMs: 5_000,
      },
      leaseSize: 50,
      heartbeatIntervalMs: 60_000,
      onlineBudgetMs: ONLINE_BUDGET_MS,
    },
  });
  const browser = await launchChromium();
  try {
    const cold = await coldStart(browser, station.pageUrl(), coldRuns);

    const context = await browser.newContext({ viewport: KIOSK_VIEWPORT, hasTouch: true });
    const kiosk = new KioskPage((await context.newPage()) as never);
    await kiosk.open(station.pageUrl());
    // One untimed ticket: the first issue also warms the server's and the agent's statements.
    await touchToPrint(printer, kiosk, 1);
    const online = await touchToPrint(printer, kiosk, n);

    // The server hangs just before the touch: that ticket waits out the online budget once, then
    // prints offline; the LAN comes back before the next one.
    const { rig } = station;
    const hung = await touchToPrint(printer, kiosk, hungRuns, {
      beforeClick: () => rig.lan.blackhole(),
      afterTicket: async () => {
        rig.lan.target(Number(new URL(rig.server.url).port));
        await rig.waitForStatus((s) => s.link === 'online');
      },
    });

    await station.rig.stopServer();
    await station.rig.waitForStatus((s) => s.link === 'offline');
    const offline = await touchToPrint(printer, kiosk, n);
    const offlineNumbers = offline.numbers.filter((x) => x.startsWith('K')).length;
    await context.close();

    const row = (name: string, s: Spread) =>
      `  ${name.padEnd(40)} p50 ${String(s.p50).padStart(6)}  p95 ${String(s.p95).padStart(6)}  max ${String(s.max).padStart(6)} ms  (n=${s.n})`;
    console.log('');
    console.log('Touch "get ticket" → printer');
    console.log(row('online: first byte at the printer', online.firstByte));
    console.log(row('online: first ticket-body byte', online.body));
    console.log(row('online: number on screen', online.onScreen));
    console.log(row(`hung server: first byte (${ONLINE_BUDGET_MS} ms budget)`, hung.firstByte));
    console.log(row('offline: first byte at the printer', offline.firstByte));
    console.log(row('offline: first ticket-body byte', offline.body));
    console.log(row('offline: number on screen', offline.onScreen));
    if (offlineNumbers > 0)
      console.log(`  (${offlineNumbers} offline tickets had no lease left: K-prefix numbers)`);
    console.log('Renderer');
    console.log(`  JS gzip ${size.kb} KB in ${size.files} file(s) (${size.rawKb} KB raw)`);
    console.log(row('cold start to attract screen', cold));
    console.log('');
    console.log('Summary');
    const ok = {
      online: online.firstByte.p95 <= TARGETS.touchToPrintP95Ms,
      offline: offline.firstByte.p95 <= TARGETS.touchToPrintP95Ms,
      size: size.kb <= TARGETS.rendererJsGzipKb,
      cold: cold.p50 <= TARGETS.coldStartMs,
    };
    console.log(`  touch → first byte p95 online ${online.firstByte.p95} ms (≤ 300): ${mark(ok.online)}`);
    console.log(`  touch → first byte p95 offline ${offline.firstByte.p95} ms (≤ 300): ${mark(ok.offline)}`);
    console.log(`  renderer JS ${size.kb} KB gzip (≤ 250): ${mark(ok.size)}`);
    console.log(`  cold start median ${cold.p50} ms, p95 ${cold.p95} ms (≤ 1500): ${mark(ok.cold)}`);

    if (values.json) {
      console.log(
        JSON.stringify({
          touch_to_print_p95_ms_online: online.firstByte.p95,
          touch_to_print_p95_ms_offline: offline.firstByte.p95,
          renderer_js_gzip_kb: size.kb,
          cold_start_ms: cold.p50,
          touch_to_print_p50_ms_online: online.firstByte.p50,
          touch_to_print_max_ms_online: online.firstByte.max,
          touch_to_print_p50_ms_offline: offline.firstByte.p50,
          touch_to_print_max_ms_offline: offline.firstByte.max,
          touch_to_print_p50_ms_hung: hung.firstByte.p50,
          touch_to_print_max_ms_hung: hung.firstByte.max,
          hung_runs: hung.firstByte.n,
          online_budget_ms: ONLINE_BUDGET_MS,
          touch_to_body_p95_ms_online: online.body.p95,
          touch_to_body_p95_ms_offline: offline.body.p95,
          cold_start_p95_ms: cold.p95,
          iterations: n,
          cold_start_runs: cold.n,
          meets: ok,
        }),
      );
    }
  } finally {
    await browser.close();
    await station.close();
    await printer.close();
    removeBuild(distDir);
  }
}
