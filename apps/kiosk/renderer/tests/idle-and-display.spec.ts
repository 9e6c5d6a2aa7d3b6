import { expect, test } from './fixtures';

test('idle: "are you still there?", then back to the start in Azerbaijani', async ({ openKiosk, agent }) => {
  const kiosk = await openKiosk({ idleMs: 1_200, warnMs: 1_500 });
  await kiosk.startIn('en');
  await kiosk.chooseAgency('dim');
  await kiosk.tap('toggle-contrast');
  await expect(kiosk.byTestId('idle-warning')).toContainText(kiosk.messages('en').idle.stillThere);
  await kiosk.tap('idle-continue');
  await expect(kiosk.byTestId('idle-warning')).toBeHidden();
  await kiosk.expectScreen('services');

  await kiosk.chooseService('dim-id-card');
  await kiosk.tap('get-ticket');
  await expect(kiosk.byTestId('card-waiting')).toBeVisible();
  // No touch: the warning, then the attract screen; the card wait is cancelled on the agent.
  await expect(kiosk.byTestId('idle-warning')).toBeVisible();
  await kiosk.expectScreen('attract');
  await expect(kiosk.page.locator('html')).toHaveAttribute('lang', 'az');
  await expect(kiosk.page.locator('html')).not.toHaveClass(/high-contrast/);
  await expect.poll(() => agent.callsOf('card-cancel').length).toBe(1);
});

test('"take your ticket" goes back to the start by itself', async ({ openKiosk }) => {
  const kiosk = await openKiosk({ ticketMs: 1_500 });
  await kiosk.startIn('ru');
  await kiosk.chooseAgency('utilities');
  await kiosk.chooseService('util-gas');
  await kiosk.tap('get-ticket');
  await kiosk.tap('skip-card');
  await expect(kiosk.ticketNumber()).toHaveText('UG-001');
  await kiosk.expectScreen('attract');
});

test('high contrast: light text on black, every screen; larger text scales reading text by 1.25', async ({
  openKiosk,
}) => {
  const kiosk = await openKiosk();
  const page = kiosk.page;
  await kiosk.startIn('az');
  const colours = () =>
    page.evaluate(() => {
      const title = document.querySelector('.screen-title')!;
      return {
        background: getComputedStyle(document.querySelector('.screen')!).backgroundColor,
        title: getComputedStyle(title).color,
        rem: parseFloat(getComputedStyle(document.documentElement).fontSize),
      };
    });
  const normal = await colours();
  await kiosk.tap('toggle-contrast');
  await expect(page.locator('html')).toHaveClass(/high-contrast/);
  expect(await colours()).toMatchObject({ background: 'rgb(0, 0, 0)', title: 'rgb(255, 255, 255)' });
  await expect(kiosk.byTestId('toggle-contrast')).toHaveAttribute('aria-pressed', 'true');

  await kiosk.tap('toggle-large-text');
  const large = await colours();
  expect(large.rem / normal.rem).toBeCloseTo(1.25, 2);

  // The modes stay for this citizen's whole session…
  await kiosk.chooseAgency('justice');
  expect((await colours()).background).toBe('rgb(0, 0, 0)');
  // …and end with it.
  await kiosk.tap('home');
  await expect(page.locator('html')).not.toHaveClass(/high-contrast|large-text/);
});

test('every touch target is at least 96 px high (keys 84 px wide): ≥ 15 mm on the kiosk panel', async ({
  openKiosk,
}) => {
  const kiosk = await openKiosk();
  const page = kiosk.page;
  const smallTargets = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('button')]
        .map((b) => ({ b, r: b.getBoundingClientRect() }))
        .filter(({ b, r }) =>
          b.classList.contains('key') ? r.height < 96 || r.width < 84 : r.height < 96 || r.width < 96,
        )
        .map(({ b, r }) => `${b.textContent} ${Math.round(r.width)}×${Math.round(r.height)}`),
    );
  await kiosk.expectScreen('attract');
  expect(await smallTargets()).toEqual([]);
  await kiosk.startIn('az');
  expect(await smallTargets()).toEqual([]);
  await kiosk.chooseAgency('dim');
  expect(await smallTargets()).toEqual([]);
  await kiosk.chooseService('dim-passport');
  expect(await smallTargets()).toEqual([]);
  await kiosk.tap('home');
  await kiosk.startIn('ru');
  await kiosk.tap('open-search');
  expect(await smallTargets()).toEqual([]);
  await page.setViewportSize({ width: 1920, height: 1080 });
  expect(await smallTargets()).toEqual([]);
});
