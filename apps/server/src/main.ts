/** Starts the center server: `npm start -w apps/server`, configured as config.ts says. */
import { handOverAdminPassword } from './admin-password';
import { buildServer } from './app';
import { ConfigError, loadConfig } from './config';
import { KeyFileError } from './key-file';
import { lowerHelperThreads } from './tuning';

try {
  const config = loadConfig();
  const server = await buildServer(config);
  // Into an owner-only file and onto the terminal, never into the log (see admin-password.ts);
  // before listening, so a port in use does not lose it.
  if (server.generatedAdminPassword) handOverAdminPassword(server.generatedAdminPassword, config.dataDir);
  const address = await server.app.listen({ host: config.host, port: config.port });
  server.app.log.info(`Növbə center server listening on ${address}`);
  // Requests first: GC, thread-pool and checkpoint threads take the CPU the main thread leaves.
  server.app.log.info(`${await lowerHelperThreads()} helper threads at lower priority`);
  // A disk that failed to confirm a write may have dropped it: restart and recover from the disk.
  void server.storageFailure.then(() => process.exit(75));
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  if (e instanceof ConfigError || e instanceof KeyFileError) {
    console.error(e.message);
    process.exit(78);
  }
  throw e;
}
