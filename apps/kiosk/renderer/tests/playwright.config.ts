import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The kiosk renderer's Playwright tests, in Debian's Chromium (Playwright never downloads a
 * browser here), against the built renderer and a test double of the agent.
 *   npx playwright test -c apps/kiosk/renderer/tests/playwright.config.ts
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './global-setup.ts',
  outputDir: `${repo}test-output/kiosk/playwright`,
  // Two cores are shared by the whole build: one browser at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    // The kiosk: a 1080×1920 portrait touchscreen.
    viewport: { width: 1080, height: 1920 },
    hasTouch: true,
    isMobile: false,
    // A control that never appears fails fast instead of holding a shared core for the whole test.
    actionTimeout: 10_000,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
