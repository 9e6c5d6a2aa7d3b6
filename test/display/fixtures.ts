import { test as base, expect, type Page } from '@playwright/test';
import type { Language } from '@novbe/core';
import type { CenterClient, CounterCommandResult } from '@novbe/protocol';
import { fileURLToPath } from 'node:url';
import { ulid } from 'ulid';
import { loginStaff, pairDevice, startTestServer, type TestServer } from '../../apps/server/src/testing';

export const DISPLAY_DIR = fileURLToPath(new URL('../../apps/display/renderer/dist', import.meta.url));

/** What the tests read of the page's `window.novbeScreen` (apps/display/renderer/src/main.tsx). */
interface ScreenWindow {
  novbeScreen: {
    state(): { calls: { number: string }[] };
    announcements(): {
      number: string;
      start?: number;
      end?: number;
      clips: { name: string; when: number; duration: number }[];
      missing: string[];
    }[];
    voiceReady(): Promise<unknown>;
  };
}

/** A hall or counter screen page, and what it holds and has spoken (`window.novbeScreen`). */
export class ScreenPage {
  constructor(readonly page: Page) {}

  newestTicket() {
    return this.page.getByTestId('newest-ticket');
  }
  async shownCalls(): Promise<string[]> {
    return this.page.evaluate(() =>
      (window as unknown as ScreenWindow).novbeScreen.state().calls.map((c) => c.number),
    );
  }
  async announcements() {
    return this.page.evaluate(() =>
      (window as unknown as ScreenWindow).novbeScreen.announcements().map((a) => ({
        number: a.number,
        start: a.start,
        end: a.end,
        clips: a.clips,
        missing: a.missing,
      })),
    );
  }
  /** Waits until `count` announcements have been spoken to the end. */
  async spoken(count: number) {
    await expect
      .poll(async () => (await this.announcements()).filter((a) => a.end !== undefined).length, {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(count);
    return this.announcements();
  }
}

/** The example center: a kiosk issues, Aysel works counter 1 (hall 1). */
export interface Center {
  readonly server: TestServer;
  readonly kiosk: CenterClient;
  readonly aysel: CenterClient;
  issue(n: number, language?: Language): Promise<void>;
  command(
    action: 'call-next' | 'recall' | 'finish' | 'start' | 'no-show',
    counterId?: string,
  ): Promise<CounterCommandResult>;
  /** Serves the ticket in hand at the counter (if any), then calls the next. */
  next(counterId?: string): Promise<CounterCommandResult>;
  /** Opens a screen page paired with a fresh display code. */
  openScreen(page: Page, query: string): Promise<ScreenPage>;
}

interface Fixtures {
  center: Center;
  /** Messages the page logged that fail the test (CSP violations, uncaught errors). */
  pageProblems: string[];
}

export async function startCenter(options: { port?: number; dataDir?: string } = {}): Promise<Center> {
  const server = await startTestServer({
    config: { displayDir: DISPLAY_DIR, ...(options.port ? { port: options.port } : {}) },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  const kiosk = await pairDevice(server.admin, { role: 'kiosk', name: 'Giriş' });
  const aysel = await loginStaff(server.admin, 'staff-aysel', 'aysel');
  await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'open' } }).catch(() => {});
  return {
    server,
    kiosk,
    aysel,
    async issue(n, language = 'az') {
      for (let i = 0; i < n; i++)
        await kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language } });
    },
    command: (action, counterId = 'counter-1') =>
      aysel.counterCommand({ params: { id: counterId }, body: { action } }),
    async next(counterId = 'counter-1') {
      const body = (action: 'start' | 'finish' | 'call-next') => ({
        params: { id: counterId },
        body: { action },
      });
      const counter = await aysel.counterCommand(body('start')).catch(() => null);
      if (counter) await aysel.counterCommand(body('finish'));
      return aysel.counterCommand(body('call-next'));
    },
    async openScreen(page, query) {
      const { code } = await server.admin.createPairingCode({ body: { role: 'display', name: 'Screen' } });
      await page.goto(`${server.url}/display/?${query}#pair=${code}`);
      // Live: the stream is open, so what happens from now on arrives as events.
      await expect(page.locator('[data-testid=hall-screen], [data-testid=counter-screen]')).toBeVisible();
      await expect(page.getByTestId('link-badge')).toBeHidden();
      // A hall screen is up long before its first call: its voice pack is decoded by then.
      await page.evaluate(() => (window as unknown as ScreenWindow).novbeScreen.voiceReady());
      return new ScreenPage(page);
    },
  };
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  center: async ({}, use) => {
    const center = await startCenter();
    await use(center);
    await center.server.close();
  },
  pageProblems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    page.on('console', (m) => {
      if (process.env.DEBUG_PAGE) console.log('page:', m.text());
      if (/content security policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
    });
    await use(problems);
    expect(problems).toEqual([]);
  },
});
export { expect };
