#!/usr/bin/env -S npx tsx
/**
 * Runs the kiosk agent under plain Node with the WebSocket carrier on 127.0.0.1, for a
 * browser-hosted renderer and for tests. Prints one JSON line `{"agentUrl", "agentToken"}` on
 * stdout once it listens. `--pair CODE` exchanges a one-time pairing code first.
 * Configuration: defaults → NOVBE_KIOSK_CONFIG (JSON file) → NOVBE_KIOSK_* variables.
 */
import { serveAgent } from '@novbe/protocol/node';
import type { KioskEvent } from '@novbe/protocol';
import { parseArgs } from 'node:util';
import { startKioskAgent } from './agent';
import { KioskConfigError, loadKioskConfig } from './config';
import { PairingError } from './errors';

const USAGE = `usage: tsx apps/kiosk/agent/src/main.ts [--pair CODE]
  --pair CODE   pair with the center server (a one-time kiosk code from the admin) before starting
configuration: NOVBE_KIOSK_CONFIG=kiosk.json and NOVBE_KIOSK_* variables (see apps/kiosk/agent/README.md)`;

try {
  const { values } = parseArgs({ options: { pair: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const config = loadKioskConfig();
  const agent = await startKioskAgent(config);
  if (values.pair) await agent.pair(values.pair);
  const server = await serveAgent<KioskEvent>(agent.handlers, {
    port: config.agentPort,
    toError: (error) => agent.errorBody(error),
  });
  agent.onEvent((event) => server.publish(event));
  console.log(JSON.stringify({ agentUrl: server.url, agentToken: server.token }));
  const stop = async () => {
    await server.close();
    await agent.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  if (e instanceof KioskConfigError || e instanceof PairingError) {
    console.error(e.message);
    process.exit(e instanceof KioskConfigError ? 78 : 77);
  }
  // node:util's parseArgs throws a TypeError coded ERR_PARSE_ARGS_… for a flag it does not know.
  if (String((e as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(64);
  }
  throw e;
}
