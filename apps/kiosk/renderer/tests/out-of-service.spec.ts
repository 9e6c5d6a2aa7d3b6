import { startAgentDouble } from './agent-double';
import { expect, test } from './fixtures';

test('paper out shows the out-of-service screen in all three languages; paper back resumes, no reload', async ({
  openKiosk,
  agent,
}) => {
  const kiosk = await openKiosk();
  await kiosk.startIn('en');
  await kiosk.chooseAgency('tax');
  // A mark that a page reload would wipe out.
  await kiosk.page.evaluate(() => ((window as unknown as { mark: number }).mark = 42));

  agent.setStatus({ inService: false, reason: 'paper-out', printer: 'paper-out' });
  await kiosk.expectScreen('out-of-service');
  for (const language of ['az', 'ru', 'en'] as const) {
    const block = kiosk.page.locator(`.oos-block[lang="${language}"]`);
    await expect(block).toContainText(kiosk.messages(language).outOfService.title);
    await expect(block).toContainText(kiosk.messages(language).outOfService.reasons['paper-out']);
  }

  agent.setStatus({ inService: true, reason: null, printer: 'ready' });
  await kiosk.expectScreen('services');
  expect(await kiosk.page.evaluate(() => (window as unknown as { mark: number }).mark)).toBe(42);
  await kiosk.chooseService('tax-certificate');
  await kiosk.tap('get-ticket');
  await kiosk.tap('skip-card');
  await expect(kiosk.ticketNumber()).toHaveText('TC-001');
});

test('a refused issue shows a way on; the status event then takes the kiosk out of service', async ({
  openKiosk,
  agent,
}) => {
  agent.setStatus({ cardReader: 'absent' });
  const kiosk = await openKiosk();
  await kiosk.startIn('az');
  await kiosk.chooseAgency('customs');
  await kiosk.chooseService('cus-parcel');
  agent.failNextIssue('out-of-service');
  await kiosk.tap('get-ticket');
  await expect(kiosk.byTestId('failed-generic')).toHaveText(kiosk.messages('az').issueFailed.generic);
  agent.setStatus({ inService: false, reason: 'cover-open', printer: 'cover-open' });
  await expect(kiosk.screen()).toHaveAttribute('data-reason', 'cover-open');
  agent.setStatus({ inService: true, reason: null, printer: 'ready' });
  await kiosk.tap('try-again');
  await expect(kiosk.ticketNumber()).toHaveText('GP-001');
});

test('a ticket that just printed stays on screen when the paper runs out with it', async ({
  openKiosk,
  agent,
}) => {
  const kiosk = await openKiosk();
  await kiosk.startIn('en');
  await kiosk.chooseAgency('bank');
  await kiosk.chooseService('bank-payments');
  await kiosk.tap('get-ticket');
  await kiosk.tap('skip-card');
  await expect(kiosk.ticketNumber()).toHaveText('BP-001');
  agent.setStatus({ inService: false, reason: 'paper-out', printer: 'paper-out' });
  await kiosk.page.waitForTimeout(300);
  await expect(kiosk.ticketNumber()).toBeVisible();
  await kiosk.tap('done');
  await kiosk.expectScreen('out-of-service');
});

test('no server and no offline capacity: out of service until the link returns', async ({
  openKiosk,
  agent,
}) => {
  const kiosk = await openKiosk();
  agent.setStatus({ inService: false, reason: 'no-capacity', link: 'offline' });
  await expect(kiosk.screen()).toHaveAttribute('data-reason', 'no-capacity');
  await expect(kiosk.page.locator('.oos-block[lang="ru"]')).toContainText('Нет связи с сервером центра.');
  agent.setStatus({ inService: true, reason: null, link: 'online' });
  await kiosk.expectScreen('attract');
});

test('a kiosk that is not configured yet waits, then loads its services', async ({ openKiosk, agent }) => {
  agent.setStatus({ inService: false, reason: 'not-configured' });
  const kiosk = await openKiosk();
  await expect(kiosk.screen()).toHaveAttribute('data-reason', 'not-configured');
  agent.setStatus({ inService: true, reason: null });
  await kiosk.expectScreen('attract');
  await kiosk.startIn('az');
  await expect(kiosk.byTestId('agency-dim')).toBeVisible();
});

test('the agent restarting: out of service, then back by itself on the same page', async ({
  openKiosk,
  agent,
}) => {
  const kiosk = await openKiosk();
  await kiosk.startIn('ru');
  await kiosk.chooseAgency('migration');
  const port = Number(new URL(agent.url).port);
  await agent.close();
  await expect(kiosk.screen()).toHaveAttribute('data-reason', 'agent-unreachable');

  const restarted = await startAgentDouble({ port, token: agent.token });
  try {
    await kiosk.expectScreen('services');
    await kiosk.chooseService('mig-stay');
    await kiosk.tap('get-ticket');
    await kiosk.tap('skip-card');
    await expect(kiosk.ticketNumber()).toHaveText('MR-001');
    expect(restarted.callsOf('ticket-issue')).toEqual([{ serviceId: 'mig-stay', language: 'ru' }]);
  } finally {
    await restarted.close();
  }
});
