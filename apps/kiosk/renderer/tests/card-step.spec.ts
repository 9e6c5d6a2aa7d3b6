import { expect, test } from './fixtures';

const MINUTE = 60_000;

test('an on-time appointment gives a checked-in ticket for it', async ({ openKiosk, agent }) => {
  const kiosk = await openKiosk();
  const m = kiosk.messages('en');
  await kiosk.startIn('en');
  await kiosk.chooseAgency('justice');
  await kiosk.chooseService('just-marriage');
  await kiosk.tap('get-ticket');
  await expect(kiosk.byTestId('card-waiting')).toBeVisible();
  expect(agent.callsOf('card-scan')).toEqual([{ timeoutMs: 30_000 }]);

  // 10:30 in Baku (UTC+4) is 06:30 UTC.
  const slotAt = Date.UTC(2025, 10, 25, 6, 30);
  agent.presentCard({
    status: 'read',
    scanId: 'scan-a',
    appointment: { serviceId: 'just-marriage', slotAt, window: 'on-time' },
    entitlement: null,
  });
  await expect(kiosk.byTestId('card-appointment')).toContainText('Appointment found: 10:30');
  await expect(kiosk.byTestId('card-appointment')).toContainText(m.card.appointmentOnTime);
  await kiosk.tap('appointment-ticket');
  await kiosk.expectScreen('ticket');
  await expect(kiosk.byTestId('checked-in')).toHaveText(m.ticket.checkedIn);
  expect(agent.callsOf('ticket-issue')).toEqual([
    { serviceId: 'just-marriage', language: 'en', scanId: 'scan-a' },
  ]);
});

test('an appointment for another service offers both tickets', async ({ openKiosk, agent }) => {
  const kiosk = await openKiosk();
  await kiosk.startIn('ru');
  await kiosk.chooseAgency('justice');
  await kiosk.chooseService('just-birth');
  await kiosk.tap('get-ticket');
  agent.presentCard({
    status: 'read',
    scanId: 'scan-b',
    appointment: { serviceId: 'just-contract', slotAt: Date.now(), window: 'on-time' },
    entitlement: null,
  });
  await expect(kiosk.byTestId('card-appointment')).toContainText(
    'Запись на услугу: Нотариальное удостоверение договора',
  );
  await expect(kiosk.byTestId('skip-card')).toHaveText(kiosk.messages('ru').card.getRegularTicket);
  await kiosk.tap('skip-card');
  await kiosk.expectScreen('ticket');
  expect(agent.callsOf('ticket-issue')).toEqual([{ serviceId: 'just-birth', language: 'ru' }]);
});

test('early and late appointments say so and give a regular ticket', async ({ openKiosk, agent }) => {
  const kiosk = await openKiosk();
  const m = kiosk.messages('az');
  await kiosk.startIn('az');
  await kiosk.chooseAgency('property');
  await kiosk.chooseService('prop-registration');

  await kiosk.tap('get-ticket');
  agent.presentCard({
    status: 'read',
    scanId: 'scan-early',
    appointment: { serviceId: 'prop-registration', slotAt: Date.UTC(2025, 10, 25, 11, 0), window: 'early' },
    entitlement: null,
  });
  await expect(kiosk.byTestId('card-appointment-early')).toContainText('Qəbul vaxtınız: 15:00');
  await expect(kiosk.byTestId('card-appointment-early')).toContainText(m.card.appointmentEarlyHint);
  await kiosk.tap('back');
  await kiosk.expectScreen('service');

  await kiosk.tap('get-ticket');
  agent.presentCard({
    status: 'read',
    scanId: 'scan-late',
    appointment: { serviceId: 'prop-registration', slotAt: Date.now() - 30 * MINUTE, window: 'late' },
    entitlement: null,
  });
  await expect(kiosk.byTestId('card-appointment-late')).toContainText(m.card.appointmentLateHint);
  await kiosk.tap('skip-card');
  await kiosk.expectScreen('ticket');
  expect(agent.callsOf('ticket-issue')).toEqual([{ serviceId: 'prop-registration', language: 'az' }]);
});

test('a priority entitlement on the card gives a priority ticket', async ({ openKiosk, agent }) => {
  const kiosk = await openKiosk();
  const m = kiosk.messages('az');
  await kiosk.startIn('az');
  await kiosk.chooseAgency('labour');
  await kiosk.chooseService('sp-benefit');
  await kiosk.tap('get-ticket');
  agent.presentCard({ status: 'read', scanId: 'scan-old', appointment: null, entitlement: 'elderly' });
  await expect(kiosk.byTestId('card-priority')).toHaveText(`Güzəştli növbə: ${m.priority.reasons.elderly}`);
  await kiosk.tap('priority-ticket');
  await kiosk.expectScreen('ticket');
  expect(agent.callsOf('ticket-issue')).toEqual([
    { serviceId: 'sp-benefit', language: 'az', scanId: 'scan-old' },
  ]);
});

test('a card with nothing on it today leads to a regular ticket', async ({ openKiosk, agent }) => {
  const kiosk = await openKiosk();
  await kiosk.startIn('en');
  await kiosk.chooseAgency('bank');
  await kiosk.chooseService('bank-account');
  await kiosk.tap('get-ticket');
  agent.presentCard({ status: 'read', scanId: 'scan-none', appointment: null, entitlement: null });
  await expect(kiosk.byTestId('card-nothing')).toContainText(kiosk.messages('en').card.nothingFound);
  await kiosk.tap('skip-card');
  await kiosk.expectScreen('ticket');
  expect(agent.callsOf('ticket-issue')).toEqual([{ serviceId: 'bank-account', language: 'en' }]);
});

test('each card refusal is explained in words, and "try again" waits for another card', async ({
  openKiosk,
  agent,
}) => {
  const kiosk = await openKiosk();
  const m = kiosk.messages('ru');
  await kiosk.startIn('ru');
  await kiosk.chooseAgency('dim');
  await kiosk.chooseService('dim-registration');
  await kiosk.tap('get-ticket');
  const reasons = ['garbled', 'partial', 'bad-check-digit', 'expired', 'not-an-id-card', 'bad-fin'] as const;
  for (const reason of reasons) {
    agent.presentCard({ status: 'rejected', reason });
    await expect(kiosk.byTestId('card-rejected')).toContainText(m.card.rejected[reason]);
    await expect(kiosk.byTestId('card-rejected')).toContainText(m.card.rejectedTitle);
    await kiosk.tap('scan-again');
    await expect(kiosk.byTestId('card-waiting')).toBeVisible();
  }
  expect(agent.callsOf('card-scan')).toHaveLength(reasons.length + 1);
  agent.presentCard({ status: 'timeout' });
  await expect(kiosk.byTestId('card-timeout')).toHaveText(m.card.timeout);
  await kiosk.tap('skip-card');
  await kiosk.expectScreen('ticket');
});

test('a card reader that fails still lets the citizen take a regular ticket', async ({
  openKiosk,
  agent,
}) => {
  agent.breakCardReaderOnce();
  const kiosk = await openKiosk();
  await kiosk.startIn('en');
  await kiosk.chooseAgency('utilities');
  await kiosk.chooseService('util-water');
  await kiosk.tap('get-ticket');
  await expect(kiosk.byTestId('card-unavailable')).toHaveText(kiosk.messages('en').card.readerUnavailable);
  await kiosk.tap('skip-card');
  await expect(kiosk.ticketNumber()).toHaveText('UW-001');
});

test('leaving the card step cancels the wait; an expired read asks for the card again', async ({
  openKiosk,
  agent,
}) => {
  const kiosk = await openKiosk();
  await kiosk.startIn('en');
  await kiosk.chooseAgency('health');
  await kiosk.chooseService('health-insurance');
  await kiosk.tap('get-ticket');
  await expect(kiosk.byTestId('card-waiting')).toBeVisible();
  await kiosk.tap('back');
  await kiosk.expectScreen('service');
  await expect.poll(() => agent.callsOf('card-cancel').length).toBe(1);

  await kiosk.tap('get-ticket');
  agent.presentCard({ status: 'read', scanId: 'scan-x', appointment: null, entitlement: 'veteran' });
  agent.failNextIssue('scan-expired');
  await kiosk.tap('priority-ticket');
  await expect(kiosk.byTestId('failed-scan-expired')).toHaveText(
    kiosk.messages('en').issueFailed.scanExpired,
  );
  await kiosk.tap('scan-again');
  await expect(kiosk.byTestId('card-waiting')).toBeVisible();
  agent.presentCard({ status: 'read', scanId: 'scan-y', appointment: null, entitlement: 'veteran' });
  await kiosk.tap('priority-ticket');
  await expect(kiosk.ticketNumber()).toHaveText('H-001');
});
