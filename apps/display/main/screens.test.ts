import { ShellConfigError, type Monitors } from '@novbe/appliance';
import { asElectron, fakeDisplay } from '@novbe/appliance/testing';
import { describe, expect, it } from 'vitest';
import { ScreensSpec, placeScreens, screenUrl } from './screens';
import { loadDisplayShellConfig } from './shell-config';

const monitors = (...displays: ReturnType<typeof fakeDisplay>[]) =>
  asElectron<Monitors>({
    getPrimaryDisplay: () => displays[0]!,
    getAllDisplays: () => [...displays].reverse(),
  });

describe('NOVBE_DISPLAY_SCREENS', () => {
  it('reads which screen goes on which monitor; without @, the place in the list', () => {
    expect(ScreensSpec.parse('hall:h1')).toEqual([{ mode: 'hall', hallId: 'h1', monitor: 0 }]);
    expect(ScreensSpec.parse('hall:h1,counter:c3@1')).toEqual([
      { mode: 'hall', hallId: 'h1', monitor: 0 },
      { mode: 'counter', counterId: 'c3', monitor: 1 },
    ]);
    expect(ScreensSpec.parse(' counter:counter-3@2 , hall:hall_1.a ')).toEqual([
      { mode: 'counter', counterId: 'counter-3', monitor: 2 },
      { mode: 'hall', hallId: 'hall_1.a', monitor: 1 },
    ]);
  });

  it('refuses a bad entry, naming it, and two screens on one monitor', () => {
    for (const bad of [
      'hall',
      'hall:',
      'board:b1',
      'hall:h 1',
      'hall:h1@x',
      'hall:h1@123',
      'hall:h1,',
      'hall:a/b',
    ])
      expect(ScreensSpec.safeParse(bad).success, bad).toBe(false);
    expect(ScreensSpec.safeParse('hall:h1,counter:c3@0').error?.issues[0]?.message).toBe(
      'two screens on monitor 0',
    );
    expect(ScreensSpec.safeParse('hall:h1,board:x').error?.issues[0]?.message).toBe('entry 2 ("board:x")');
  });

  it('is required, and stops the shell with a message naming the variable', () => {
    expect(loadDisplayShellConfig({ NOVBE_DISPLAY_SCREENS: 'hall:h1' }, true)).toEqual({
      autostart: true,
      windowed: false,
      screens: [{ mode: 'hall', hallId: 'h1', monitor: 0 }],
    });
    const missing = () => loadDisplayShellConfig({}, false);
    expect(missing).toThrow(ShellConfigError);
    expect(missing).toThrow(
      /^invalid display shell configuration:\n {2}NOVBE_DISPLAY_SCREENS \(screens\): required/,
    );
    const bad = () =>
      loadDisplayShellConfig(
        { NOVBE_DISPLAY_SCREENS: 'hall:h1,hall:h2@0', NOVBE_DISPLAY_WINDOWED: 'maybe' },
        false,
      );
    expect(bad).toThrow(
      /NOVBE_DISPLAY_SCREENS \(screens\): expected a comma-separated list of hall:<hall id>/,
    );
    expect(bad).toThrow(/NOVBE_DISPLAY_WINDOWED \(windowed\): expected one of 1, 0/);
  });
});

describe('screenUrl', () => {
  it('names the mode and the hall or counter in the query of novbe://display/index.html', () => {
    expect(screenUrl({ mode: 'hall', hallId: 'h1', monitor: 0 })).toBe(
      'novbe://display/index.html?mode=hall&hall=h1',
    );
    expect(screenUrl({ mode: 'hall', hallId: 'h1', monitor: 0 }, false)).toBe(
      'novbe://display/index.html?mode=hall&hall=h1&sound=off',
    );
    expect(screenUrl({ mode: 'counter', counterId: 'c3', monitor: 1 })).toBe(
      'novbe://display/index.html?mode=counter&counter=c3',
    );
  });
});

describe('placeScreens', () => {
  const primary = fakeDisplay(1, 0, 0, 1920, 1080);
  const right = fakeDisplay(7, 3840, 0, 1920, 1080);
  const middle = fakeDisplay(5, 1920, 0, 1920, 1080);

  it('puts each screen over its monitor: 0 the primary, then the others from left to right', () => {
    const plans = ScreensSpec.parse('hall:h1,counter:c3@2,counter:c4@1');
    expect(placeScreens(plans, monitors(primary, right, middle))).toEqual([
      { url: 'novbe://display/index.html?mode=hall&hall=h1', bounds: primary.bounds },
      { url: 'novbe://display/index.html?mode=counter&counter=c3', bounds: right.bounds },
      { url: 'novbe://display/index.html?mode=counter&counter=c4', bounds: middle.bounds },
    ]);
  });

  it('puts a screen whose monitor is missing on the primary, and says so', () => {
    const warnings: object[] = [];
    const log = { info() {}, error() {}, warn: (details: object) => void warnings.push(details) };
    const placed = placeScreens(ScreensSpec.parse('hall:h1,counter:c3@3'), monitors(primary), log);
    expect(placed.map((p) => p.bounds)).toEqual([primary.bounds, primary.bounds]);
    expect(warnings).toEqual([{ monitor: 3, monitors: 1, mode: 'counter' }]);
  });

  it('lets only the first screen of a hall speak', () => {
    const placed = placeScreens(
      ScreensSpec.parse('hall:h1,hall:h1,hall:h2'),
      monitors(primary, middle, right),
    );
    expect(placed.map((p) => new URL(p.url).searchParams.get('sound'))).toEqual([null, 'off', null]);
  });
});
