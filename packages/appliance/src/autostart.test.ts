import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desktopEntry, enableAutostart, type AutostartEntry } from './autostart';

const entry: AutostartEntry = {
  fileName: 'novbe-kiosk.desktop',
  name: 'Növbə Kiosk',
  comment: 'Növbə ticket kiosk',
};
const DESKTOP_ENTRY_NAME = entry.fileName;

describe('enableAutostart', () => {
  let home: string;
  const settings: object[] = [];
  const app = { setLoginItemSettings: (s: object) => void settings.push(s) };
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'novbe-autostart-'));
    settings.length = 0;
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  it('writes ~/.config/autostart/novbe-kiosk.desktop on Linux, and replaces it on the next start', async () => {
    const env = { HOME: home };
    const result = await enableAutostart(app, {
      entry,
      platform: 'linux',
      execPath: '/opt/Növbə Kiosk/novbe-kiosk',
      env,
    });
    const path = join(home, '.config', 'autostart', DESKTOP_ENTRY_NAME);
    expect(result).toEqual({ kind: 'desktop-entry', path });
    const text = await readFile(path, 'utf8');
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        '[Desktop Entry]',
        'Type=Application',
        'Name=Növbə Kiosk',
        'Comment=Növbə ticket kiosk',
        'Exec="/opt/Növbə Kiosk/novbe-kiosk"',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
      ]),
    );
    expect((await stat(path)).mode & 0o777).toBe(0o644);
    await enableAutostart(app, { entry, platform: 'linux', execPath: '/usr/bin/novbe-kiosk', env });
    expect(await readFile(path, 'utf8')).toContain('Exec=/usr/bin/novbe-kiosk\n');
    expect(await readdir(join(home, '.config', 'autostart'))).toEqual([DESKTOP_ENTRY_NAME]);
    expect(settings).toEqual([]);
  });

  it('honours an absolute XDG_CONFIG_HOME and ignores a relative one', async () => {
    const xdg = join(home, 'xdg');
    const a = await enableAutostart(app, {
      entry,
      platform: 'linux',
      execPath: '/e',
      env: { HOME: home, XDG_CONFIG_HOME: xdg },
    });
    expect(a).toEqual({ kind: 'desktop-entry', path: join(xdg, 'autostart', DESKTOP_ENTRY_NAME) });
    const b = await enableAutostart(app, {
      entry,
      platform: 'linux',
      execPath: '/e',
      env: { HOME: home, XDG_CONFIG_HOME: 'rel' },
    });
    expect(b).toEqual({
      kind: 'desktop-entry',
      path: join(home, '.config', 'autostart', DESKTOP_ENTRY_NAME),
    });
  });

  it('refuses an entry file name that is not a plain .desktop name', async () => {
    for (const fileName of ['../evil.desktop', 'novbe', 'a/b.desktop'])
      await expect(
        enableAutostart(app, {
          entry: { ...entry, fileName },
          platform: 'linux',
          execPath: '/e',
          env: { HOME: home },
        }),
        fileName,
      ).rejects.toThrow(TypeError);
  });

  it('uses the login-item API on Windows and macOS', async () => {
    for (const platform of ['win32', 'darwin'] as const)
      expect(
        await enableAutostart(app, { entry, platform, execPath: 'C:\\Növbə\\kiosk.exe', args: ['--x'] }),
      ).toEqual({
        kind: 'login-item',
      });
    expect(settings).toEqual([
      { openAtLogin: true, path: 'C:\\Növbə\\kiosk.exe', args: ['--x'] },
      { openAtLogin: true, path: 'C:\\Növbə\\kiosk.exe', args: ['--x'] },
    ]);
  });
});

describe('desktopEntry', () => {
  it('quotes Exec arguments the way the desktop entry spec wants', () => {
    const exec = (args: string[]) =>
      desktopEntry(entry, '/usr/bin/electron', args).match(/^Exec=(.*)$/m)?.[1];
    expect(exec(['/srv/kiosk app'])).toBe('/usr/bin/electron "/srv/kiosk app"');
    expect(exec(['a"b$c`d'])).toBe('/usr/bin/electron "a\\\\"b\\\\$c\\\\`d"');
    expect(exec(['C:\\x'])).toBe('/usr/bin/electron "C:\\\\\\\\x"');
    expect(exec(['100%'])).toBe('/usr/bin/electron "100%%"');
    expect(() => desktopEntry(entry, '/e', ['a\nExec=/bin/sh'])).toThrow(TypeError);
    expect(() => desktopEntry({ ...entry, name: 'x\nExec=/bin/sh' }, '/e', [])).toThrow(TypeError);
  });
});
