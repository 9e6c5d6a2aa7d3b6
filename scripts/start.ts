/**
 * `npm start`: the simulated center. For now it runs a simulated day of the example center
 * through the queue core and prints what happened; the server, kiosk and displays join it as
 * their issues land.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SCENARIO, formatDayReport, scenario, SCENARIOS, simulateDay, summarise } from '@novbe/sim';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: DEFAULT_SCENARIO },
    seed: { type: 'string' },
    tickets: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`usage: npm start -- [--scenario NAME] [--seed N] [--tickets N]
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
