import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ShellConfigError, loadShellConfig as load } from './shell-config';

const loadShellConfig = (env: NodeJS.ProcessEnv, packaged: boolean) =>
  load({ app: 'kiosk', prefix: 'NOVBE_KIOSK', env, packaged });

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
    expect(bad).toThrow(/^invalid kiosk shell configuration:\n/);
    expect(bad).toThrow(/NOVBE_KIOSK_AUTOSTART \(autostart\): expected one of 1, 0, true, false/);
    expect(bad).toThrow(/NOVBE_KIOSK_RENDERER_DIR \(rendererDir\): must be an absolute path/);
  });

  it("reads an appliance's own variables into its own keys, and names them when bad or missing", () => {
    const extra = {
      variables: {
        NOVBE_TEST_SCREENS: {
          key: 'screens',
          parse: z.string().regex(/^[a-z,]+$/),
          expected: 'letters and commas',
        },
      },
      schema: z.object({ screens: z.string() }),
    };
    const config = load({
      app: 'test',
      prefix: 'NOVBE_TEST',
      env: { NOVBE_TEST_SCREENS: 'a,b' },
      packaged: false,
      extra,
    });
    expect(config).toEqual({ autostart: false, windowed: false, screens: 'a,b' });
    const bad = () =>
      load({
        app: 'test',
        prefix: 'NOVBE_TEST',
        env: { NOVBE_TEST_SCREENS: '1', NOVBE_TEST_WINDOWED: '2' },
        packaged: false,
        extra,
      });
    expect(bad).toThrow(/NOVBE_TEST_WINDOWED \(windowed\): expected one of/);
    expect(bad).toThrow(/NOVBE_TEST_SCREENS \(screens\): expected letters and commas, got "1"$/);
    expect(() => load({ app: 'test', prefix: 'NOVBE_TEST', env: {}, packaged: false, extra })).toThrow(
      /^invalid test shell configuration:\n {2}NOVBE_TEST_SCREENS \(screens\): /,
    );
  });
});
