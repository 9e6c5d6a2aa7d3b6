/**
 * Bundles the kiosk's Electron side into `main/dist` (see `buildShell` in @novbe/appliance):
 * `main.js` with the shell, the agent and the workspace packages, and `preload.cjs`.
 * Run: `tsx apps/kiosk/main/build.ts` (part of `npm run build -w apps/kiosk`).
 */
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildShell as buildApplianceShell, runShellBuild, type ShellBundles } from '@novbe/appliance/build';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The printer's fonts, which the bundled printer code finds beside its own source. */
const ASSETS = ['hardware/printer/fonts'];

/** Builds main.js and preload.cjs into `outDir` (default `apps/kiosk/main/dist`). */
export function buildShell(options: { outDir?: string; minify?: boolean } = {}): Promise<ShellBundles> {
  return buildApplianceShell({ mainDir: HERE, assets: ASSETS, ...options });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await runShellBuild({ mainDir: HERE, assets: ASSETS });
