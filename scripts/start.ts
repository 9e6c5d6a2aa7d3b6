/**
 * `npm start`: a simulated center on this machine. Runs a simulated day of the example center
 * through the queue core and prints what happened, then starts the center server with the
 * example center and a kiosk (agent, emulated printer, touchscreen renderer) and prints where
 * to reach them. Displays join as their issue lands.
 */
import { buildServer, loadConfig } from '@novbe/server';
import { DEFAULT_SCENARIO, formatDayReport, scenario, SCENARIOS, simulateDay, summarise } from '@novbe/sim';
import { startKioskAgent } from '@novbe/kiosk/agent';
import { PrinterEmulator } from '@novbe/printer';
import { type KioskEvent, createCenterClient } from '@novbe/protocol';
import { serveAgent } from '@novbe/protocol/node';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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
const config = loadConfig({
  overrides: {
    host: '127.0.0.1',
    port,
    dataDir: process.env.NOVBE_DATA_DIR ?? '.data/demo',
    adminPassword: ADMIN_PASSWORD,
    logLevel: 'warn',
  },
});
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
console.log(`
Center server (example center, data in ${config.dataDir}):
  health      ${url}/health
  metrics     ${url}/metrics
  API         ${url}/v1/…   (admin login: "admin" / "${ADMIN_PASSWORD}" → POST ${url}/v1/login)
  live events ${url.replace('http', 'ws')}/v1/events

Kiosk (open in a browser, 1080×1920 portrait is what a kiosk has):
  ${renderer.pageUrl(carrier.url, carrier.token, {})}
  printer emulator on 127.0.0.1:${printerPort}; each printed ticket is kept as text and PNG in ${join(config.dataDir, 'printed')}
Press Ctrl+C to stop.`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void (async () => {
      await renderer.close();
      await carrier.close();
      await agent.close();
      await printer.close();
      await server.close();
      process.exit(0);
    })();
  });
