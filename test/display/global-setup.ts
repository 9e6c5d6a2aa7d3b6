import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Builds the display page first, so the tests run the current source as the server serves it. */
export default async function globalSetup(): Promise<void> {
  await build({
    configFile: fileURLToPath(new URL('../../apps/display/renderer/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
}
