import { z } from 'zod';
import { loadShellConfig, type ShellConfig } from '@novbe/appliance';
import { SCREENS_EXPECTED, ScreensSpec, type ScreenPlan } from './screens';

/** The display shell's settings: the shared ones and `screens`. */
export type DisplayShellConfig = ShellConfig & { readonly screens: readonly ScreenPlan[] };

/**
 * NOVBE_DISPLAY_AUTOSTART, NOVBE_DISPLAY_WINDOWED, NOVBE_DISPLAY_RENDERER_DIR and
 * NOVBE_DISPLAY_SCREENS (required). A bad or missing value throws `ShellConfigError` naming it.
 */
export function loadDisplayShellConfig(env: NodeJS.ProcessEnv, packaged: boolean): DisplayShellConfig {
  return loadShellConfig({
    app: 'display',
    prefix: 'NOVBE_DISPLAY',
    env,
    packaged,
    extra: {
      variables: {
        NOVBE_DISPLAY_SCREENS: { key: 'screens', parse: ScreensSpec, expected: SCREENS_EXPECTED },
      },
      schema: z.object({
        screens: z.custom<readonly ScreenPlan[]>(Array.isArray, `required: ${SCREENS_EXPECTED}`),
      }),
    },
  });
}
