import type { Language } from '@novbe/core';
import { exampleCatalog } from './agent-double';
import { expect, test } from './fixtures';

const catalog = exampleCatalog();
const serviceName = (id: string, l: Language) => catalog.services.find((s) => s.id === id)!.name[l];
const agencyName = (id: string, l: Language) => catalog.agencies.find((a) => a.id === id)!.name[l];

for (const language of ['az', 'ru', 'en'] as const) {
  test(`a citizen gets a ticket in ${language}, from the attract screen to "take your ticket"`, async ({
    openKiosk,
    agent,
  }) => {
    const kiosk = await openKiosk();
    const m = kiosk.messages(language);
    await kiosk.expectScreen('attract');
    await expect(kiosk.page.getByText(catalog.centerName.az)).toBeVisible();

    await kiosk.startIn(language);
    await expect(kiosk.page.locator('html')).toHaveAttribute('lang', language);
    await expect(kiosk.page.getByRole('heading', { level: 1 })).toHaveText(m.agencies.title);

    await kiosk.chooseAgency('dim');
    await expect(kiosk.page.getByRole('heading', { level: 1 })).toHaveText(agencyName('dim', language));
    await kiosk.chooseService('dim-passport');
    await expect(kiosk.page.getByRole('heading', { level: 1 })).toHaveText(
      serviceName('dim-passport', language),
    );
    // Documents to bring, people waiting and the wait as a range, from the agent.
    await expect(kiosk.byTestId('documents')).toContainText(catalog.services[1]!.documents[0]![language]);
    const info = (await agent.callsOf('service-info')).at(-1);
    expect(info).toBe('dim-passport');
    await expect(kiosk.byTestId('people-waiting')).toContainText(/\d+/);
    await expect(kiosk.byTestId('estimated-wait')).toContainText(/\d+–\d+/);
    await expect(kiosk.byTestId('id-card-required')).toHaveText(m.service.idCardRequired);

    await kiosk.tap('get-ticket');
    await kiosk.expectScreen('card');
    await expect(kiosk.byTestId('skip-card')).toHaveText(m.card.skip);
    await kiosk.tap('skip-card');

    await kiosk.expectScreen('ticket');
    await expect(kiosk.page.getByRole('heading', { level: 1 })).toHaveText(m.ticket.take);
    await expect(kiosk.ticketNumber()).toHaveText('P-001');
    await expect(kiosk.page.getByText(serviceName('dim-passport', language)).first()).toBeVisible();
    expect(agent.callsOf('ticket-issue')).toEqual([{ serviceId: 'dim-passport', language }]);
    // The skipped card wait was cancelled on the agent, so the next citizen's card is not taken.
    expect(agent.callsOf('card-cancel')).toHaveLength(1);

    await kiosk.tap('done');
    await kiosk.expectScreen('attract');
    // The session is over: the next citizen starts in Azerbaijani again.
    await expect(kiosk.page.locator('html')).toHaveAttribute('lang', 'az');
  });
}

test('without a card reader, "get a ticket" prints at once', async ({ openKiosk, agent }) => {
  agent.setStatus({ cardReader: 'absent' });
  const kiosk = await openKiosk();
  await kiosk.startIn('az');
  await kiosk.chooseAgency('justice');
  await kiosk.chooseService('just-apostille');
  await expect(kiosk.page.getByText(kiosk.messages('az').service.noDocuments)).toBeVisible();
  await kiosk.tap('get-ticket');
  await kiosk.expectScreen('ticket');
  await expect(kiosk.ticketNumber()).toHaveText('AP-001');
  expect(agent.callsOf('card-scan')).toEqual([]);
});

test('offline, the wait is "not known" and the ticket still prints', async ({ openKiosk, agent }) => {
  agent.setStatus({ link: 'offline', cardReader: 'absent' });
  const kiosk = await openKiosk();
  const m = kiosk.messages('en');
  await kiosk.startIn('en');
  await kiosk.chooseAgency('tax');
  await kiosk.chooseService('tax-tin');
  await expect(kiosk.byTestId('people-waiting')).toContainText(m.service.notKnown);
  await expect(kiosk.byTestId('estimated-wait')).toContainText(m.service.notKnown);
  await kiosk.tap('get-ticket');
  await expect(kiosk.ticketNumber()).toHaveText('T-001');
});

test('a declared priority goes with the ticket', async ({ openKiosk, agent }) => {
  const kiosk = await openKiosk();
  await kiosk.startIn('ru');
  await kiosk.chooseAgency('labour');
  await kiosk.chooseService('sp-pension');
  await kiosk.tap('open-priority');
  await kiosk.expectScreen('priority');
  await expect(kiosk.byTestId('priority-disability')).toHaveText(
    kiosk.messages('ru').priority.reasons.disability,
  );
  await kiosk.tap('priority-disability');
  await kiosk.expectScreen('ticket');
  expect(agent.callsOf('ticket-issue')).toEqual([
    { serviceId: 'sp-pension', language: 'ru', priorityReason: 'disability' },
  ]);
});

test('back and home lead out of every screen, and language can change anywhere', async ({ openKiosk }) => {
  const kiosk = await openKiosk();
  await kiosk.startIn('az');
  await kiosk.chooseAgency('bank');
  await kiosk.tap('lang-en');
  await expect(kiosk.byTestId('service-bank-loan')).toContainText('Consumer loan');
  await kiosk.chooseService('bank-loan');
  await kiosk.tap('lang-ru');
  await expect(kiosk.page.getByRole('heading', { level: 1 })).toHaveText('Потребительский кредит');
  await kiosk.tap('back');
  await kiosk.expectScreen('services');
  await kiosk.tap('back');
  await kiosk.expectScreen('agencies');
  await kiosk.tap('home');
  await kiosk.expectScreen('attract');
});
