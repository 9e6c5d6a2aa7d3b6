import { test as base, expect } from '@playwright/test';
import { serveRenderer, type RendererServer } from '../serve';
import { startAgentDouble, type AgentDouble } from './agent-double';
import { KioskPage } from './kiosk-page';

/** Renderer settings for the page URL (idleMs, warnMs, ticketMs, cardMs). */
export type Settings = Readonly<Record<string, number>>;

interface Fixtures {
  agent: AgentDouble;
  kiosk: KioskPage;
  /** Opens the kiosk page, connected to the agent double, with these settings. */
  openKiosk: (settings?: Settings) => Promise<KioskPage>;
  /** Messages the page logged that the test fails on (CSP violations, uncaught errors). */
  pageProblems: string[];
}

export const test = base.extend<Fixtures, { renderer: RendererServer }>({
  renderer: [
    // Playwright reads a fixture's dependencies from its first parameter: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await serveRenderer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern
  agent: async ({}, use) => {
    const agent = await startAgentDouble();
    await use(agent);
    await agent.close();
  },
  pageProblems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    page.on('console', (m) => {
      if (/content security policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
    });
    await use(problems);
    expect(problems, 'the page broke its CSP or threw').toEqual([]);
  },
  kiosk: async ({ page, pageProblems }, use) => {
    void pageProblems;
    await use(new KioskPage(page));
  },
  openKiosk: async ({ kiosk, agent, renderer }, use) => {
    await use(async (settings = {}) => {
      await kiosk.open(renderer.pageUrl(agent.url, agent.token, settings));
      return kiosk;
    });
  },
});

export { expect };
