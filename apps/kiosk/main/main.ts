/**
 * The kiosk's Electron entry (bundled to main/dist/main.js by build.ts): loads the agent's
 * configuration, then hands over to shell.ts. A bad configuration stops here, before any window,
 * with the agent's message naming the key.
 *
 * No top-level `await`: Electron emits `ready` only once the ESM entry has finished evaluating,
 * so awaiting the shell (which awaits `ready`) here would hang the app. What must happen before
 * `ready` (the privileged scheme) runs synchronously inside `startKioskShell`.
 */
import { app } from 'electron';
import { pino } from 'pino';
import { pairingCode } from '@novbe/appliance';
import { KioskConfigError, PairingError, loadKioskConfig, startKioskAgent } from '../agent/src';
import { startKioskShell } from './shell';

// Synchronous: the main process logs little, and the line saying why it stopped must be written
// before `app.exit`.
const logger = pino({ base: { app: 'kiosk-shell' } }, pino.destination({ dest: 1, sync: true }));
const log = logger.child({ scope: 'shell' });

function fail(error: unknown): void {
  const message = (error as Error)?.message ?? String(error);
  if (error instanceof KioskConfigError) console.error(message);
  logger.fatal({ error: message }, 'the kiosk could not start');
  app.exit(error instanceof KioskConfigError ? 78 : 1);
}

try {
  const config = loadKioskConfig();
  logger.level = config.logLevel;
  // `--pair CODE`: a technician pairs the kiosk on its first start (the code is never logged).
  const code = pairingCode(process.argv);
  startKioskShell({
    startAgent: async () => {
      const agent = await startKioskAgent(config, { logger: logger.child({ scope: 'agent' }) });
      if (code)
        await agent.pair(code).then(
          () => log.info({}, 'kiosk paired'),
          (error: unknown) =>
            log.error(
              { error: error instanceof PairingError ? error.message : 'pairing failed' },
              'kiosk not paired',
            ),
        );
      return agent;
    },
    log,
  }).catch(fail);
} catch (error) {
  fail(error);
}
