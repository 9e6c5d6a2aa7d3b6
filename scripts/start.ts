/**
 * `npm start`: a simulated center on this machine. Runs a simulated day of the example center
 * through the queue core and prints what happened, then starts the center server with the
 * example center and prints where to reach it. Kiosks and displays join as their issues land.
 */
import { buildServer, loadConfig } from '@novbe/server';
import { DEFAULT_SCENARIO, formatDayReport, scenario, SCENARIOS, simulateDay, summarise } from '@novbe/sim';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: DEFAULT_SCENARIO },
    seed: { type: 'string' },
    tickets: { type: 'string' },
    port: { type: 'string', default: process.env.NOVBE_PORT ?? '8080' },
    'sim-only': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`usage: npm start -- [--scenario NAME] [--seed N] [--tickets N] [--port N] [--sim-only]
scenarios: ${Object.entries(SCENARIOS)
    .map(([name, s]) => `\n  ${name.padEnd(14)} ${s.description}`)
    .join('')}`);
  process.exit(0);
}

const s = scenario(values.scenario!, {
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  ...(values.tickets ? { totalTickets: Number(values.tickets) } : {}),
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
    port: Number(values.port),
    dataDir: process.env.NOVBE_DATA_DIR ?? '.data/demo',
    adminPassword: ADMIN_PASSWORD,
    logLevel: 'warn',
  },
});
const server = await buildServer(config);
const url = await server.app.listen({ host: config.host, port: config.port });
console.log(`
Center server (example center, data in ${config.dataDir}):
  health      ${url}/health
  metrics     ${url}/metrics
  API         ${url}/v1/…   (admin login: "admin" / "${ADMIN_PASSWORD}" → POST ${url}/v1/login)
  live events ${url.replace('http', 'ws')}/v1/events
Press Ctrl+C to stop.`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void server.close().then(() => process.exit(0)));
