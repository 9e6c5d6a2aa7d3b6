/**
 * Bundles the display's Electron side into `main/dist` (see `buildShell` in @novbe/appliance):
 * `main.js` with the shell, the agent and the workspace packages, and `preload.cjs`.
 * Run: `tsx apps/display/main/build.ts` (`npm run build:main -w apps/display`).
 */
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildShell as buildApplianceShell, runShellBuild, type ShellBundles } from '@novbe/appliance/build';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Builds main.js and preload.cjs into `outDir` (default `apps/display/main/dist`). */
export function buildShell(options: { outDir?: string; minify?: boolean } = {}): Promise<ShellBundles> {
  return buildApplianceShell({ mainDir: HERE, ...options });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runShellBuild({ mainDir: HERE });
