import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Builds the renderer first, so the tests always run the current source, as production ships it. */
export default async function globalSetup(): Promise<void> {
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
}
