/**
 * The display's Electron entry (bundled to main/dist/main.js by build.ts): loads the agent's
 * configuration, then hands over to shell.ts. A bad configuration (the agent's or the shell's)
 * stops here, before any window, with a message naming the key or variable: exit 78.
 *
 * No top-level `await`: Electron emits `ready` only once the ESM entry has finished evaluating,
 * so awaiting the shell (which awaits `ready`) here would hang the app. What must happen before
 * `ready` (the privileged scheme) runs synchronously inside `startDisplayShell`.
 */
import { app } from 'electron';
import { pino } from 'pino';
import { ShellConfigError, pairingCodes } from '@novbe/appliance';
import { DisplayConfigError, loadDisplayConfig, startDisplayAgent } from '../agent/src';
import { startDisplayShell } from './shell';

// Synchronous: the main process logs little, and the line saying why it stopped must be written
// before `app.exit`.
const logger = pino({ base: { app: 'display-shell' } }, pino.destination({ dest: 1, sync: true }));
const log = logger.child({ scope: 'shell' });

function fail(error: unknown): void {
  const message = (error as Error)?.message ?? String(error);
  const config = error instanceof DisplayConfigError || error instanceof ShellConfigError;
  if (config) console.error(message);
  logger.fatal({ error: message }, 'the display could not start');
  app.exit(config ? 78 : 1);
}

try {
  const config = loadDisplayConfig();
  logger.level = config.logLevel;
  // `--pair CODE`, as often as needed: the display's own token, and one counter-board token per
  // counter whose keypads and boards this PC hosts. Codes are never logged.
  const codes = pairingCodes(process.argv);
  startDisplayShell({
    serverUrl: config.serverUrl,
    startAgent: async () => {
      const agent = await startDisplayAgent(config, { logger: logger.child({ scope: 'agent' }) });
      for (const [i, code] of codes.entries())
        await agent.pair(code).then(
          () => log.info({ nth: i + 1 }, 'paired'),
          (error: unknown) => log.error({ nth: i + 1, error: agent.errorBody(error) }, 'not paired'),
        );
      return agent;
    },
    log,
  }).catch(fail);
} catch (error) {
  fail(error);
}
