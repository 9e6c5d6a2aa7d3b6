import type { BrowserWindow } from 'electron';
import type { KioskEvent, KioskHandlers } from '@novbe/protocol';
import { loadShellConfig, type AgentHost, type HostOptions, type ShellConfig } from '@novbe/appliance';
import { startApplianceShell } from '@novbe/appliance/shell';
import { KIOSK_METHODS } from './kiosk-methods';
import { KIOSK_AUTOSTART, KIOSK_CSP, KIOSK_LOOK, KIOSK_SITE } from './kiosk-site';

/** What the shell needs of the kiosk agent (`startKioskAgent` returns it). */
export type KioskAgentHost = AgentHost<KioskHandlers, KioskEvent>;

/** The kiosk agent to host, and the shell's tuning (tests shorten the waits). */
export type KioskShellOptions = HostOptions<KioskHandlers, KioskEvent>;

export interface KioskShell {
  readonly config: ShellConfig;
  readonly window: BrowserWindow;
  /** The running agent, once started (null while starting or after a failed start). */
  agent(): Promise<KioskAgentHost | null>;
}

/**
 * The kiosk's Electron main process (see `startApplianceShell`): one locked-down fullscreen
 * window over the primary display showing `novbe://kiosk/index.html`, the kiosk agent hosted
 * in-process and reached over IPC. Settings: NOVBE_KIOSK_AUTOSTART, NOVBE_KIOSK_WINDOWED,
 * NOVBE_KIOSK_RENDERER_DIR. Resolves to null when another instance already runs (this one quits).
 */
export async function startKioskShell(options: KioskShellOptions): Promise<KioskShell | null> {
  const shell = await startApplianceShell<KioskHandlers, KioskEvent, ShellConfig>({
    ...options,
    app: 'kiosk',
    site: KIOSK_SITE,
    methods: KIOSK_METHODS,
    loadConfig: (env, packaged) => loadShellConfig({ app: 'kiosk', prefix: 'NOVBE_KIOSK', env, packaged }),
    csp: KIOSK_CSP,
    look: KIOSK_LOOK,
    autostart: KIOSK_AUTOSTART,
    windows: (monitors) => [{ url: KIOSK_SITE.indexUrl, bounds: monitors.getPrimaryDisplay().bounds }],
    // The page may have asked before the agent was up (and heard out-of-service): tell it now.
    greeting: async (agent) => ({ type: 'status', status: await agent.handlers['kiosk-status']() }),
  });
  if (!shell) return null;
  return { config: shell.config, window: shell.windows[0]!, agent: () => shell.agent() };
}
