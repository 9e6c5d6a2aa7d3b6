import { mkdir, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { App } from 'electron';

/** How the appliance is named in the desktop's autostart list. */
export interface AutostartEntry {
  /** The XDG autostart file: one per machine, replaced on every start (`novbe-kiosk.desktop`). */
  readonly fileName: string;
  /** `Növbə Kiosk` */
  readonly name: string;
  /** `Növbə ticket kiosk` */
  readonly comment: string;
}

export interface AutostartOptions {
  readonly entry: AutostartEntry;
  readonly platform: NodeJS.Platform;
  /** The executable to start at login (the AppImage when run from one). */
  readonly execPath: string;
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

export type AutostartResult = { kind: 'login-item' } | { kind: 'desktop-entry'; path: string };

/**
 * Makes the appliance start when its user logs in. Windows and macOS have an API for it;
 * Linux desktops read `$XDG_CONFIG_HOME/autostart/*.desktop` (freedesktop autostart spec).
 */
export async function enableAutostart(
  app: Pick<App, 'setLoginItemSettings'>,
  options: AutostartOptions,
): Promise<AutostartResult> {
  const args = [...(options.args ?? [])];
  if (options.platform === 'win32' || options.platform === 'darwin') {
    app.setLoginItemSettings({ openAtLogin: true, path: options.execPath, args });
    return { kind: 'login-item' };
  }
  const env = options.env ?? process.env;
  const configHome =
    env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : join(env.HOME || homedir(), '.config');
  if (!/^[\w.-]+\.desktop$/.test(options.entry.fileName))
    throw new TypeError(`not a desktop entry file name: ${options.entry.fileName}`);
  const path = join(configHome, 'autostart', options.entry.fileName);
  await mkdir(dirname(path), { recursive: true });
  // Written whole then renamed, so a power cut never leaves a half entry the desktop ignores.
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, desktopEntry(options.entry, options.execPath, args), { mode: 0o644 });
  await rename(temp, path);
  return { kind: 'desktop-entry', path };
}

/** A freedesktop.org desktop entry that starts the appliance. */
export function desktopEntry(entry: AutostartEntry, execPath: string, args: readonly string[]): string {
  const exec = [execPath, ...args].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${oneLine(entry.name)}`,
    `Comment=${oneLine(entry.comment)}`,
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    'X-GNOME-Autostart-Delay=2',
    '',
  ].join('\n');
}

/**
 * The Exec key's quoting (desktop entry spec): an argument with reserved characters goes in
 * double quotes with `"` `` ` `` `$` `\` backslash-escaped; then the key's string escaping doubles
 * every backslash again, and `%` (field codes) is written `%%`.
 */
function quoteExecArg(arg: string): string {
  if (/[\n\r]/.test(arg)) throw new TypeError('a line break cannot appear in an autostart command');
  if (!/[\s"'\\$`<>~|&;*?#()%=]/.test(arg)) return arg;
  const quoted = `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

function oneLine(value: string): string {
  if (/[\n\r]/.test(value)) throw new TypeError('a line break cannot appear in a desktop entry');
  return value;
}
