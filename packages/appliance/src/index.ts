/**
 * The Electron shell every Növbə appliance (kiosk, display) shares. Nothing here imports a value
 * from 'electron' (only types), so it loads under plain Node. The rest are subpaths:
 * `@novbe/appliance/shell` (`startApplianceShell`, which drives Electron's `app`),
 * `@novbe/appliance/preload` (the sandboxed preload's part), `@novbe/appliance/build` (esbuild)
 * and `@novbe/appliance/testing` (fakes of Electron for tests).
 */
export { agentMethods, type AgentMethods, type AllMethods } from './agent-methods';
export {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appSite,
  serveRenderer,
  type AppSite,
  type RendererSource,
} from './app-protocol';
export type {
  AgentHost,
  ApplianceShell,
  ApplianceShellOptions,
  HostOptions,
  Monitors,
  WindowPlan,
} from './appliance-shell';
export {
  applianceWindowOptions,
  createApplianceWindow,
  type ApplianceWindowOptions,
  type WindowLook,
} from './appliance-window';
export {
  desktopEntry,
  enableAutostart,
  type AutostartEntry,
  type AutostartOptions,
  type AutostartResult,
} from './autostart';
export {
  contentSecurityPolicy,
  cspDirectives,
  formatCsp,
  metaCsp,
  withCsp,
  type CspOptions,
} from './content-security-policy';
export { DEFAULT_RECOVERY, watchRenderer, type RecoveryOptions, type RecoveryPolicy } from './crash-recovery';
export { isOwnSender, registerIpcCarrier, sendToPage, type IpcCarrierOptions } from './ipc-carrier';
export {
  denyNewWindowsAndWebviews,
  lockDownContents,
  lockDownSession,
  shortcutVerdict,
  type LockdownOptions,
} from './lockdown';
export { pairingCode, pairingCodes } from './pairing-codes';
export {
  ShellConfig,
  ShellConfigError,
  envFlag,
  loadShellConfig,
  type LoadShellConfigOptions,
  type ShellExtras,
  type ShellVariable,
} from './shell-config';
export { silentLogger, type ShellLogger } from './shell-logger';
