import { scenario, simulateDay, summarise } from '@novbe/sim';
const r = summarise(simulateDay(scenario(process.argv[2] ?? 'weekday')));
for (const s of r.perService) console.log(s.code.padEnd(16), s.tickets, s.meanWaitMin, s.p90WaitMin);
console.log(r.counters.map((c) => `${c.number}:${c.utilisation}`).join(' '));
