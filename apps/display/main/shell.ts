import type { BrowserWindow } from 'electron';
import type { DisplayEvent, DisplayHandlers } from '@novbe/protocol';
import { silentLogger, type AgentHost, type HostOptions } from '@novbe/appliance';
import { startApplianceShell } from '@novbe/appliance/shell';
import { DISPLAY_METHODS } from './display-methods';
import { DISPLAY_AUTOSTART, DISPLAY_LOOK, DISPLAY_SITE, displayCsp } from './display-site';
import { placeScreens } from './screens';
import { loadDisplayShellConfig, type DisplayShellConfig } from './shell-config';

/** What the shell needs of the display agent (`startDisplayAgent` returns it). */
export type DisplayAgentHost = AgentHost<DisplayHandlers, DisplayEvent>;

/** The display agent to host, its center server, and the shell's tuning (tests shorten the waits). */
export interface DisplayShellOptions extends HostOptions<DisplayHandlers, DisplayEvent> {
  /** The center server the pages talk to (the agent's `serverUrl`): the CSP allows it alone. */
  readonly serverUrl: string;
}

export interface DisplayShell {
  readonly config: DisplayShellConfig;
  /** One window a screen, in the order of NOVBE_DISPLAY_SCREENS. */
  readonly windows: readonly BrowserWindow[];
  /** The running agent, once started (null while starting or after a failed start). */
  agent(): Promise<DisplayAgentHost | null>;
}

/**
 * The display's Electron main process (see `startApplianceShell`): a locked-down fullscreen
 * window per screen of NOVBE_DISPLAY_SCREENS, each over its monitor, showing
 * `novbe://display/index.html?mode=hall&hall=…` or `?mode=counter&counter=…`, sound allowed
 * without a touch; the display agent hosted in-process and reached over IPC. Once the agent
 * runs, every page is told its setup. Resolves to null when another instance already runs.
 */
export async function startDisplayShell(options: DisplayShellOptions): Promise<DisplayShell | null> {
  const log = options.log ?? silentLogger;
  return startApplianceShell<DisplayHandlers, DisplayEvent, DisplayShellConfig>({
    ...options,
    app: 'display',
    site: DISPLAY_SITE,
    methods: DISPLAY_METHODS,
    loadConfig: loadDisplayShellConfig,
    csp: (rendererDir) => displayCsp(rendererDir, options.serverUrl, log),
    look: DISPLAY_LOOK,
    autostart: DISPLAY_AUTOSTART,
    windows: (monitors, config) => placeScreens(config.screens, monitors, log),
    greeting: async (agent) => ({ type: 'setup', setup: await agent.handlers['screen-setup']() }),
  });
}
