import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from '../kiosk-station';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The display's hall and counter screens in Debian's Chromium (Playwright never downloads a
 * browser here), served by a real center server, with the real display agent, LED board and
 * keypad emulators where a test needs them.
 *   npx playwright test -c test/display/playwright.config.ts
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  outputDir: `${repo}test-output/display/playwright`,
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // As the kiosk's tests and bench launch it; a hall screen speaks without anyone touching it,
      // as the Electron shell allows.
      args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
    },
    viewport: { width: 1920, height: 1080 },
    actionTimeout: 10_000,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
