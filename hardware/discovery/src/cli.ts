#!/usr/bin/env tsx
/** Prints what hardware is attached and what each device probably is. */
import { parseArgs } from 'node:util';

import { discoverDevices } from './discover';

const HELP = `Usage: tsx hardware/discovery/src/cli.ts [--json]

Lists serial ports, HID devices and USB printers, with a guess of what each one is.
  --json      one JSON object: { devices, problems }
  -h, --help  show this help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return console.log(HELP);
  const report = await discoverDevices();
  if (values.json) return console.log(JSON.stringify(report));
  if (report.devices.length === 0) console.log('no serial ports, HID devices or USB printers found');
  for (const d of report.devices)
    console.log(`${d.path}  ${d.kind} (${d.confidence})  ${d.description}\n    ${d.reason}`);
  for (const p of report.problems) console.log(`could not list ${p.source} devices: ${p.message}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
