#!/usr/bin/env -S npx tsx
/**
 * Runs the display agent under plain Node, without Electron: a display PC (or any small box)
 * that drives counter boards and hosts keypads but shows no screen of its own, its hall
 * screens being smart TVs. `--pair CODE`, as often as needed, pairs it first (its display code,
 * one counter-board code per counter it serves). Prints one JSON line with what it holds once it
 * runs; stops on SIGINT or SIGTERM.
 * Configuration: defaults → NOVBE_DISPLAY_CONFIG (JSON file) → NOVBE_DISPLAY_* variables.
 */
import { parseArgs } from 'node:util';
import { startDisplayAgent } from './agent';
import { DisplayConfigError, loadDisplayConfig } from './config';
import { PairingError } from './errors';

const USAGE = `usage: tsx apps/display/agent/src/main.ts [--pair CODE]...
  --pair CODE   pair with the center server first (a one-time display or counter-board code from the admin); repeatable
configuration: NOVBE_DISPLAY_CONFIG=display.json and NOVBE_DISPLAY_* variables (see apps/display/agent/README.md)`;

try {
  const { values } = parseArgs({
    options: { pair: { type: 'string', multiple: true }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const agent = await startDisplayAgent(loadDisplayConfig());
  for (const code of values.pair ?? []) await agent.pair(code);
  console.log(JSON.stringify({ running: true, paired: agent.paired() }));
  const stop = async () => {
    await agent.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  if (e instanceof DisplayConfigError || e instanceof PairingError) {
    console.error(e.message);
    process.exit(e instanceof DisplayConfigError ? 78 : 77);
  }
  if (String((e as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(64);
  }
  throw e;
}
