/**
 * `npm start`: a simulated center on this machine. Runs a simulated day of the example center
 * through the queue core and prints what happened, then starts the center server with the
 * example center and a kiosk (agent, emulated printer, touchscreen renderer) and prints where
 * to reach them, and a display PC's agent for hall 1: an emulated LED board bus (units 1 and 2
 * for counters 1 and 2, on a socat pty) and two emulated keypads over TCP, one per counter,
 * pressed by typing into this script ("1 next", "2 recall", …).
 */
import { buildServer, loadConfig } from '@novbe/server';
import { DEFAULT_SCENARIO, formatDayReport, scenario, SCENARIOS, simulateDay, summarise } from '@novbe/sim';
import { startKioskAgent } from '@novbe/kiosk/agent';
import { KeypadEmulator } from '@novbe/buttons';
import { startDisplayAgent } from '@novbe/display/agent';
import { createPtyPair, LedBoardEmulator } from '@novbe/led-board';
import { PrinterEmulator } from '@novbe/printer';
import { type KioskEvent, createCenterClient } from '@novbe/protocol';
import { serveAgent } from '@novbe/protocol/node';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'vite';
import { RENDERER_DIST, serveRenderer } from '../apps/kiosk/renderer/serve';
import { parseCommandLine, usageError, wholeNumber } from './lib/args';

const USAGE = `usage: npm start -- [--scenario NAME] [--seed N] [--tickets N] [--port N] [--sim-only]
scenarios: ${Object.entries(SCENARIOS)
  .map(([name, s]) => `\n  ${name.padEnd(14)} ${s.description}`)
  .join('')}`;
const values = parseCommandLine(
  process.argv.slice(2),
  {
    scenario: { type: 'string', default: DEFAULT_SCENARIO },
    seed: { type: 'string' },
    tickets: { type: 'string' },
    port: { type: 'string', default: process.env.NOVBE_PORT ?? '8080' },
    'sim-only': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  USAGE,
);

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!(values.scenario! in SCENARIOS)) usageError(`unknown scenario "${values.scenario}"`, USAGE);
const port = wholeNumber('port', values.port, USAGE, 0);
if (port > 65535) usageError(`--port must be at most 65535, got ${port}`, USAGE);

const s = scenario(values.scenario!, {
  ...(values.seed ? { seed: wholeNumber('seed', values.seed, USAGE, 0) } : {}),
  ...(values.tickets ? { totalTickets: wholeNumber('tickets', values.tickets, USAGE) } : {}),
});
console.log(
  `Növbə — simulated day at ${s.center.name.en} (${s.center.services.length} services, ${s.center.counters.length} counters)\n`,
);
console.log(formatDayReport(summarise(simulateDay(s))));
if (values['sim-only']) process.exit(0);

const ADMIN_PASSWORD = process.env.NOVBE_ADMIN_PASSWORD ?? 'novbe-demo-admin';
const DISPLAY_DIST = 'apps/display/renderer/dist';
const config = loadConfig({
  overrides: {
    host: '127.0.0.1',
    port,
    dataDir: process.env.NOVBE_DATA_DIR ?? '.data/demo',
    adminPassword: ADMIN_PASSWORD,
    logLevel: 'warn',
    // The hall and counter screens for a browser, served by the server at /display/.
    displayDir: DISPLAY_DIST,
    // The printed screen addresses carry pairing codes: let them last the demo's day.
    pairingCodeMinutes: 24 * 60,
  },
});
if (!existsSync(join(DISPLAY_DIST, 'index.html'))) {
  console.log('building the display page…');
  await build({ configFile: 'apps/display/renderer/vite.config.ts', logLevel: 'warn' });
}
const server = await buildServer(config);
const url = await server.app.listen({ host: config.host, port: config.port });

// A kiosk: its agent (plain Node, as the Electron shell hosts it), an emulated receipt printer,
// and the touchscreen renderer in any browser, talking to the agent over a loopback WebSocket.
const admin = createCenterClient({ baseUrl: url });
const adminToken = (await admin.login({ body: { login: 'admin', password: ADMIN_PASSWORD } })).token;
const printer = new PrinterEmulator({ outputDir: join(config.dataDir, 'printed') });
const printerPort = (await printer.listenTcp(0)).port;
printer.on('ticket', () => console.log(`  printed a ticket → ${join(config.dataDir, 'printed')}`));
const agent = await startKioskAgent({
  serverUrl: url,
  dataDir: join(config.dataDir, 'kiosk'),
  kioskName: 'Giriş 1',
  kioskNumber: 1,
  printer: { connection: { type: 'tcp', host: '127.0.0.1', port: printerPort } },
  cardReader: { type: 'none' },
  logLevel: 'warn',
});
if (agent.status().reason === 'not-configured') {
  const { code } = await admin
    .withToken(adminToken)
    .createPairingCode({ body: { role: 'kiosk', name: 'Giriş 1' } });
  await agent.pair(code);
}
const carrier = await serveAgent<KioskEvent>(agent.handlers, { toError: (e) => agent.errorBody(e) });
agent.onEvent((event) => carrier.publish(event));
if (!existsSync(join(RENDERER_DIST, 'index.html'))) {
  console.log('building the kiosk renderer…');
  await build({ configFile: 'apps/kiosk/renderer/vite.config.ts', logLevel: 'warn' });
}
const renderer = await serveRenderer({});

// A display PC for hall 1: its agent, an LED board bus (unit 1 → counter-1, unit 2 → counter-2)
// on a socat pty, and one keypad per counter over TCP. Aysel and Rauf open counters 1 and 2 so
// the keypads have something to call (their demo passwords are set here).
const DISPLAY_COUNTERS = { 1: 'counter-1', 2: 'counter-2' } as const;
const pty = await createPtyPair();
const boardBus = await LedBoardEmulator.open(pty.devicePath, { units: [1, 2] });
const lastShown = new Map<number, string>();
boardBus.on('change', (b) => {
  const line = b.display ? `${b.display}${b.blinking ? ' blinking' : ''}` : '(blank)';
  if (lastShown.get(b.unitId) === line) return;
  lastShown.set(b.unitId, line);
  console.log(`  board ${b.unitId} (${DISPLAY_COUNTERS[b.unitId as 1 | 2]}): ${line}`);
});
const keypads = { 1: new KeypadEmulator(), 2: new KeypadEmulator() };
const keypadPorts = { 1: await keypads[1].listen(0), 2: await keypads[2].listen(0) };
const display = await startDisplayAgent({
  serverUrl: url,
  dataDir: join(config.dataDir, 'display'),
  name: 'Zal 1 ekranı',
  logLevel: 'error', // refused presses are printed below, in a line each
  boards: {
    path: pty.driverPath,
    units: Object.entries(DISPLAY_COUNTERS).map(([unit, counterId]) => ({ unit: Number(unit), counterId })),
  },
  keypads: {
    hid: false,
    tcp: Object.entries(DISPLAY_COUNTERS).map(([n, counterId]) => ({
      port: keypadPorts[Number(n) as 1 | 2],
      counterId,
    })),
  },
});
const asAdmin = admin.withToken(adminToken);
const held = display.paired();
if (!held.display)
  await display.pair(
    (
      await asAdmin.createPairingCode({
        body: { role: 'display', name: 'Zal 1 ekranı', hallIds: ['hall-1'] },
      })
    ).code,
  );
for (const counterId of Object.values(DISPLAY_COUNTERS))
  if (!held.counterIds.includes(counterId))
    await display.pair(
      (
        await asAdmin.createPairingCode({
          body: { role: 'counter-board', name: `${counterId} keypad`, counterId },
        })
      ).code,
    );
display.onPress((p) => {
  if (p.outcome !== 'done')
    console.log(`  keypad ${p.counterId} ${p.key}: refused (${p.reason}), board shows ${p.sign}`);
});
for (const [staffId, login, counterId] of [
  ['staff-aysel', 'aysel', 'counter-1'],
  ['staff-rauf', 'rauf', 'counter-2'],
] as const) {
  const password = `${login}-demo-password`;
  await asAdmin.setStaffPassword({ params: { id: staffId }, body: { password } });
  const staff = asAdmin.withToken((await admin.login({ body: { login, password } })).token);
  // Already open (a restart on the same day's data) is fine.
  await staff.counterCommand({ params: { id: counterId }, body: { action: 'open' } }).catch(() => undefined);
}
const KEYS = {
  next: 'F13',
  recall: 'F14',
  'no-show': 'F15',
  start: 'F16',
  done: 'F17',
  transfer: 'F18',
  pause: 'F19',
};
createInterface({ input: process.stdin }).on('line', (line) => {
  const [counter, key] = line.trim().split(/\s+/);
  const keypad = keypads[Number(counter) as 1 | 2] as KeypadEmulator | undefined;
  const chord = KEYS[key as keyof typeof KEYS] as string | undefined;
  if (keypad && chord) keypad.press(chord);
  else if (line.trim()) console.log(`  type "<1|2> <${Object.keys(KEYS).join('|')}>", e.g. "1 next"`);
});
// Screens in a browser (a smart TV pairs the same way): each address carries a one-time code;
// a browser that paired once keeps its token, so its other screens need no code.
const screenUrl = async (query: string, name: string) => {
  const { code } = await asAdmin.createPairingCode({ body: { role: 'display', name, hallIds: ['hall-1'] } });
  return `${url}/display/?${query}#pair=${code}`;
};
// The display's lines of the summary.
const displayLines = [
  `  hall screen ${await screenUrl('mode=hall&hall=hall-1', 'Zal 1 (brauzer)')}`,
  `              (1920×1080 or 1080×1920; add &lang=ru or &lang=en; it speaks each call: click the page once if the browser holds sound back)`,
  `  counter 1   ${await screenUrl('mode=counter&counter=counter-1', 'Masa 1 ekranı (brauzer)')}`,
  `  LED boards  emulated on ${pty.driverPath}: unit 1 → counter-1, unit 2 → counter-2; each change prints a "board" line`,
  `  keypads     one per counter over TCP (127.0.0.1:${keypadPorts[1]} → counter-1, 127.0.0.1:${keypadPorts[2]} → counter-2);`,
  `              press a key by typing here and Enter: "1 next", "2 recall" (next, recall, no-show, start, done, transfer, pause)`,
];
console.log(`
Center server (example center, data in ${config.dataDir}):
  health      ${url}/health
  metrics     ${url}/metrics
  API         ${url}/v1/…   (admin login: "admin" / "${ADMIN_PASSWORD}" → POST ${url}/v1/login)
  live events ${url.replace('http', 'ws')}/v1/events

Kiosk (open in a browser, 1080×1920 portrait is what a kiosk has):
  ${renderer.pageUrl(carrier.url, carrier.token, {})}
  printer emulator on 127.0.0.1:${printerPort}; each printed ticket is kept as text and PNG in ${join(config.dataDir, 'printed')}

Display for hall 1 (agent: apps/display/agent; counters 1 and 2 opened by aysel and rauf).
Try a call: at the kiosk take a ticket for an ID card or a passport (counter 1 serves those), then type
"1 next" here and Enter: the hall screen shows and speaks it, the counter screen and LED board 1 show it.
${displayLines.join('\n')}
Press Ctrl+C to stop.`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void (async () => {
      await renderer.close();
      await carrier.close();
      await display.close();
      for (const k of Object.values(keypads)) await k.close();
      await boardBus.close();
      await pty.close();
      await agent.close();
      await printer.close();
      await server.close();
      process.exit(0);
    })();
  });
