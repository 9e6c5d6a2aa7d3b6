import { kioskMessages, type KioskMessages } from '@novbe/i18n';
import type { Language } from '@novbe/core';
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Screenshots a citizen would see, kept under the repo's (gitignored) test output. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../../test-output/kiosk/', import.meta.url));

/**
 * The kiosk touchscreen as a citizen uses it: by touch only (every action is a tap), reading
 * what the catalogue says in the chosen language. Shared by the renderer tests and the
 * end-to-end tests with the real agent.
 */
export class KioskPage {
  constructor(readonly page: Page) {}

  /** The catalogue of a language, to read the screen as the citizen does. */
  messages(language: Language): KioskMessages {
    return kioskMessages[language];
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  /** The screen now shown (`data-screen` of the screen root). */
  screen(): Locator {
    return this.page.locator('[data-screen]').first();
  }

  async expectScreen(name: string): Promise<void> {
    await expect(this.page.locator(`[data-screen="${name}"]`)).toBeVisible();
  }

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async tap(testId: string): Promise<void> {
    await this.page.getByTestId(testId).tap();
  }

  async startIn(language: Language): Promise<void> {
    await this.expectScreen('attract');
    await this.tap(`start-${language}`);
    await this.expectScreen('agencies');
  }

  async chooseAgency(agencyId: string): Promise<void> {
    await this.tap(`agency-${agencyId}`);
    await this.expectScreen('services');
  }

  async chooseService(serviceId: string): Promise<void> {
    await this.tap(`service-${serviceId}`);
    await this.expectScreen('service');
  }

  /** Types on the on-screen keyboard, one tap per key. */
  async type(text: string): Promise<void> {
    for (const ch of text) {
      if (ch === ' ') await this.tap('key-space');
      else await this.page.locator(`.keyboard [data-key="${ch.toUpperCase()}"]`).tap();
    }
  }

  ticketNumber(): Locator {
    return this.byTestId('ticket-number');
  }

  /** Saves what the citizen sees as `test-output/kiosk/<name>.png`. */
  async shot(name: string): Promise<void> {
    const path = `${SCREENSHOT_DIR}${name}.png`;
    mkdirSync(dirname(path), { recursive: true });
    // Let fonts settle, so the picture shows the bundled font rather than a fallback.
    await this.page.evaluate(() => document.fonts.ready);
    await this.page.screenshot({ path, animations: 'disabled' });
  }
}
