import { describe, expect, it } from 'vitest';
import { ShellConfigError, loadShellConfig } from './shell-config';

describe('loadShellConfig', () => {
  it('defaults autostart to the build kind and the window to kiosk mode', () => {
    expect(loadShellConfig({}, true)).toEqual({ autostart: true, windowed: false });
    expect(loadShellConfig({}, false)).toEqual({ autostart: false, windowed: false });
  });

  it('reads NOVBE_KIOSK_AUTOSTART, NOVBE_KIOSK_WINDOWED and NOVBE_KIOSK_RENDERER_DIR', () => {
    expect(
      loadShellConfig(
        {
          NOVBE_KIOSK_AUTOSTART: 'off',
          NOVBE_KIOSK_WINDOWED: ' yes ',
          NOVBE_KIOSK_RENDERER_DIR: '/srv/renderer',
        },
        true,
      ),
    ).toEqual({ autostart: false, windowed: true, rendererDir: '/srv/renderer' });
  });

  it('stops with a message naming each bad variable and what it expects', () => {
    const bad = () =>
      loadShellConfig({ NOVBE_KIOSK_AUTOSTART: 'maybe', NOVBE_KIOSK_RENDERER_DIR: 'renderer/dist' }, false);
    expect(bad).toThrow(ShellConfigError);
    expect(bad).toThrow(/NOVBE_KIOSK_AUTOSTART \(autostart\): expected one of 1, 0, true, false/);
    expect(bad).toThrow(/NOVBE_KIOSK_RENDERER_DIR \(rendererDir\): must be an absolute path/);
  });
});
