/**
 * A whole kiosk on the bench, as a citizen meets it: the kiosk rig (real center server behind a
 * LAN forwarder, printer emulator, the real agent) plus the agent's WebSocket carrier and the
 * built renderer served over HTTP, opened in Debian's Chromium. Shared by the kiosk end-to-end
 * test and `npm run bench:kiosk`.
 */
// The renderer tests' page object, used through this module, types code it runs in the page.
/// <reference lib="dom" />
import type { KioskEvent } from '@novbe/protocol';
import { serveAgent, type AgentServer } from '@novbe/protocol/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { serveRenderer, type RendererServer } from '../apps/kiosk/renderer/serve';
import { startKioskRig, type KioskRig } from './kiosk-rig';

/** Chromium as the kiosk renderer tests run it (Playwright never downloads a browser here). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The kiosk: a 1080×1920 portrait touchscreen. */
export const KIOSK_VIEWPORT = { width: 1080, height: 1920 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Builds the current renderer source as production ships it (`vite build`), into a directory of
 * its own so it never races another build of `apps/kiosk/renderer/dist`. Returns that directory.
 */
export async function buildRenderer(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'novbe-kiosk-renderer-'));
  await build({
    configFile: fileURLToPath(new URL('../apps/kiosk/renderer/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

export interface KioskStation {
  readonly rig: KioskRig;
  readonly carrier: AgentServer<KioskEvent>;
  readonly renderer: RendererServer;
  /** The renderer page, connected to the real agent through its WebSocket carrier. */
  pageUrl(settings?: Readonly<Record<string, string | number>>): string;
  close(): Promise<void>;
}

/** Starts the rig, the agent's WebSocket carrier, and serves the renderer built in `distDir`. */
export async function startKioskStation(
  distDir: string,
  rigOptions: Parameters<typeof startKioskRig>[0] = {},
): Promise<KioskStation> {
  const rig = await startKioskRig(rigOptions);
  const carrier = await serveAgent<KioskEvent>(rig.agent.handlers, {
    toError: (error) => rig.agent.errorBody(error),
  });
  const off = rig.agent.onEvent((event) => carrier.publish(event));
  const renderer = await serveRenderer({ distDir });
  return {
    rig,
    carrier,
    renderer,
    pageUrl: (settings) => renderer.pageUrl(carrier.url, carrier.token, settings),
    async close() {
      off();
      await renderer.close();
      await carrier.close();
      await rig.close();
    },
  };
}

/** Removes a renderer build made by `buildRenderer`. */
export function removeBuild(distDir: string): void {
  rmSync(distDir, { recursive: true, force: true });
}
