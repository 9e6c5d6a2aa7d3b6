import type { Language } from '@novbe/core';
import { expect, test } from './fixtures';

/**
 * Every screen a citizen can meet, in each language, at 1080×1920 portrait (and the main ones
 * at 1920×1080 landscape), kept under test-output/kiosk/ for a person to look at. Each picture
 * is taken once the screen shows its own language's words.
 */
const MINUTE = 60_000;

for (const language of ['az', 'ru', 'en'] as const) {
  test(`every screen in ${language}`, async ({ openKiosk, agent }) => {
    test.setTimeout(60_000);
    const kiosk = await openKiosk({ idleMs: 600_000 });
    const m = kiosk.messages(language);
    const shot = (name: string) => kiosk.shot(`${language}/${name}`);
    const heading = kiosk.page.getByRole('heading', { level: 1 });

    // The attract screen comes in Azerbaijani; the language buttons set the rest.
    if (language !== 'az') {
      await kiosk.startIn(language);
      await kiosk.tap('home');
    }
    await shot('01-attract');

    await kiosk.startIn(language);
    await kiosk.tap(`lang-${language}`);
    await expect(heading).toHaveText(m.agencies.title);
    await shot('02-agencies');

    await kiosk.chooseAgency('justice');
    await shot('03-services');

    await kiosk.tap('home');
    await kiosk.startIn(language);
    await kiosk.tap('open-search');
    await kiosk.expectScreen('search');
    await shot('04-search-empty');
    await kiosk.type(language === 'ru' ? 'справк' : 'arayis');
    await expect(kiosk.page.locator('.service-row').first()).toBeVisible();
    await shot('05-search-results');
    await kiosk.tap('key-clear');
    await kiosk.type(language === 'ru' ? 'щщщ' : 'zzz');
    await expect(kiosk.byTestId('no-results')).toHaveText(m.search.noResults);
    await shot('06-search-nothing');

    await kiosk.tap('home');
    await kiosk.startIn(language);
    await kiosk.chooseAgency('dim');
    await kiosk.chooseService('dim-driving-licence');
    await expect(kiosk.byTestId('estimated-wait')).toContainText(/\d/);
    await shot('07-service');

    await kiosk.tap('open-priority');
    await kiosk.expectScreen('priority');
    await shot('08-priority');
    await kiosk.tap('back');

    await kiosk.tap('get-ticket');
    await expect(kiosk.byTestId('card-waiting')).toBeVisible();
    await shot('09-card-waiting');

    agent.presentCard({
      status: 'read',
      scanId: 'scan-1',
      appointment: { serviceId: 'dim-driving-licence', slotAt: Date.now() + 5 * MINUTE, window: 'on-time' },
      entitlement: null,
    });
    await expect(kiosk.byTestId('card-appointment')).toBeVisible();
    await shot('10-card-appointment');

    await kiosk.tap('back');
    await kiosk.tap('get-ticket');
    agent.presentCard({
      status: 'read',
      scanId: 'scan-2',
      appointment: { serviceId: 'dim-driving-licence', slotAt: Date.now() + 90 * MINUTE, window: 'early' },
      entitlement: null,
    });
    await expect(kiosk.byTestId('card-appointment-early')).toBeVisible();
    await shot('11-card-early');

    await kiosk.tap('back');
    await kiosk.tap('get-ticket');
    agent.presentCard({
      status: 'read',
      scanId: 'scan-3',
      appointment: { serviceId: 'dim-driving-licence', slotAt: Date.now() - 40 * MINUTE, window: 'late' },
      entitlement: null,
    });
    await expect(kiosk.byTestId('card-appointment-late')).toBeVisible();
    await shot('12-card-late');

    await kiosk.tap('back');
    await kiosk.tap('get-ticket');
    agent.presentCard({ status: 'read', scanId: 'scan-4', appointment: null, entitlement: 'elderly' });
    await expect(kiosk.byTestId('card-priority')).toBeVisible();
    await shot('13-card-priority');

    await kiosk.tap('back');
    await kiosk.tap('get-ticket');
    agent.presentCard({ status: 'read', scanId: 'scan-5', appointment: null, entitlement: null });
    await expect(kiosk.byTestId('card-nothing')).toBeVisible();
    await shot('14-card-nothing');

    await kiosk.tap('back');
    await kiosk.tap('get-ticket');
    agent.presentCard({ status: 'rejected', reason: 'expired' });
    await expect(kiosk.byTestId('card-rejected')).toContainText(m.card.rejected.expired);
    await shot('15-card-rejected');

    await kiosk.tap('back');
    await kiosk.tap('get-ticket');
    agent.presentCard({ status: 'timeout' });
    await expect(kiosk.byTestId('card-timeout')).toBeVisible();
    await shot('16-card-timeout');

    const release = agent.holdNextIssue();
    await kiosk.tap('skip-card');
    await kiosk.expectScreen('printing');
    await shot('17-printing');
    release();
    await kiosk.expectScreen('ticket');
    await shot('18-ticket');

    await kiosk.tap('done');
    await kiosk.startIn(language);
    await kiosk.chooseAgency('customs');
    await kiosk.chooseService('cus-declaration');
    agent.failNextIssue('unknown-service');
    agent.setStatus({ cardReader: 'absent' });
    await kiosk.tap('get-ticket');
    await expect(kiosk.byTestId('failed-service-gone')).toBeVisible();
    await shot('19-issue-failed');
    agent.setStatus({ cardReader: 'ready' });

    await kiosk.tap('back');
    await kiosk.tap('toggle-contrast');
    await shot('20-service-high-contrast');
    await kiosk.tap('toggle-large-text');
    await shot('21-service-high-contrast-large-text');
    await kiosk.tap('toggle-contrast');
    await shot('22-service-large-text');
  });
}

test('the idle warning and the out-of-service screen', async ({ openKiosk, agent }) => {
  const kiosk = await openKiosk({ idleMs: 1_000, warnMs: 30_000 });
  for (const language of ['az', 'ru', 'en'] as Language[]) {
    await kiosk.startIn(language);
    await expect(kiosk.byTestId('idle-warning')).toBeVisible();
    await kiosk.shot(`${language}/23-idle-warning`);
    await kiosk.tap('idle-continue');
    await kiosk.tap('home');
  }
  agent.setStatus({ inService: false, reason: 'paper-out', printer: 'paper-out' });
  await kiosk.expectScreen('out-of-service');
  await kiosk.shot('out-of-service-paper-out');
  agent.setStatus({ inService: false, reason: 'no-capacity', printer: 'ready', link: 'offline' });
  await expect(kiosk.screen()).toHaveAttribute('data-reason', 'no-capacity');
  await kiosk.shot('out-of-service-no-capacity');
});

test('the main screens in landscape, 1920×1080', async ({ openKiosk, agent, page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const kiosk = await openKiosk({ idleMs: 600_000 });
  const shot = (name: string) => kiosk.shot(`landscape/${name}`);
  await kiosk.expectScreen('attract');
  await shot('01-attract');
  await kiosk.startIn('az');
  await shot('02-agencies');
  await kiosk.chooseAgency('migration');
  await shot('03-services');
  await kiosk.tap('home');
  await kiosk.startIn('en');
  await kiosk.tap('open-search');
  await kiosk.type('permit');
  await shot('04-search');
  await kiosk.tap('service-mig-work-permit');
  await kiosk.expectScreen('service');
  await shot('05-service');
  await kiosk.tap('get-ticket');
  await shot('06-card-waiting');
  agent.presentCard({
    status: 'read',
    scanId: 'scan-l',
    appointment: { serviceId: 'mig-work-permit', slotAt: Date.now(), window: 'on-time' },
    entitlement: null,
  });
  await expect(kiosk.byTestId('card-appointment')).toBeVisible();
  await shot('07-card-appointment');
  await kiosk.tap('appointment-ticket');
  await kiosk.expectScreen('ticket');
  await expect(kiosk.byTestId('checked-in')).toBeVisible();
  await shot('08-ticket');
  await kiosk.tap('done');
  agent.setStatus({ inService: false, reason: 'paper-out', printer: 'paper-out' });
  await kiosk.expectScreen('out-of-service');
  await shot('09-out-of-service');
});
