import { displayMessages } from '@novbe/i18n';
import { expect, test } from './fixtures';

/**
 * Every screen of the display in each language, kept under test-output/display/screens/ for a
 * person to look at: the hall screen landscape and portrait, the counter screen open, on a
 * break and closed, the pairing and the choosing screens. Each picture is taken once the
 * screen shows its own language's words.
 */
const OUT = 'test-output/display/screens';

for (const language of ['az', 'ru', 'en'] as const) {
  test(`every display screen in ${language}`, async ({ page, center, pageProblems }) => {
    void pageProblems;
    const text = displayMessages[language];
    const shot = (name: string) =>
      page.screenshot({ path: `${OUT}/${language}/${name}.png`, animations: 'disabled' });

    await page.goto(`${center.server.url}/display/?lang=${language}`);
    await expect(page.getByRole('heading', { name: text.setup.pairTitle })).toBeVisible();
    await shot('01-pair');

    const hall = await center.openScreen(page, `mode=hall&hall=hall-1&lang=${language}`);
    await center.issue(12, language);
    // Counter 2 (right), then counter 1 (left), for a few calls each.
    const aysel = center.aysel;
    const rauf = await (
      await import('../../apps/server/src/testing')
    ).loginStaff(center.server.admin, 'staff-rauf', 'rauf');
    await rauf.counterCommand({ params: { id: 'counter-2' }, body: { action: 'open' } });
    for (let i = 0; i < 3; i++) {
      await center.next('counter-1');
      await rauf.counterCommand({ params: { id: 'counter-2' }, body: { action: 'start' } }).catch(() => null);
      await rauf
        .counterCommand({ params: { id: 'counter-2' }, body: { action: 'finish' } })
        .catch(() => null);
      await rauf.counterCommand({ params: { id: 'counter-2' }, body: { action: 'call-next' } });
    }
    await aysel.counterCommand({ params: { id: 'counter-1' }, body: { action: 'recall' } });
    await expect(hall.newestTicket()).toHaveText('A-005');
    await expect(page.getByTestId('newest-call')).toContainText(text.recalled);
    await expect(page.locator('.center-name')).toHaveText(/ASAN/);
    await expect(page.getByTestId('waiting')).toHaveText(text.waiting.replace('{count}', '6'));
    await shot('02-hall-landscape');

    await page.setViewportSize({ width: 1080, height: 1920 });
    await shot('03-hall-portrait');
    // The newest number is at least 12 % of the screen's height, both ways up.
    for (const [width, height] of [
      [1080, 1920],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      const box = await hall.newestTicket().boundingBox();
      const size = await hall.newestTicket().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(size / height, `${width}×${height}`).toBeGreaterThanOrEqual(0.12);
      expect(box!.x + box!.width, `${width}×${height}`).toBeLessThanOrEqual(width);
    }

    // A small HDMI screen above counter 1, then counter 2 on a break, then a closed one.
    await page.setViewportSize({ width: 1024, height: 600 });
    await page.goto(`${center.server.url}/display/?mode=counter&counter=counter-1&lang=${language}`);
    await expect(page.getByTestId('counter-ticket')).toHaveText('A-005');
    await shot('04-counter-open');
    await rauf.counterCommand({ params: { id: 'counter-2' }, body: { action: 'pause' } }).catch(() => null);
    await page.goto(`${center.server.url}/display/?mode=counter&counter=counter-2&lang=${language}`);
    await expect(page.getByTestId('counter-idle')).toHaveText(text.counterScreen.paused);
    await expect(page.getByTestId('counter-status')).toHaveText(text.counterScreen.pausedHint);
    await shot('05-counter-break');
    await page.goto(`${center.server.url}/display/?mode=counter&counter=counter-3&lang=${language}`);
    await expect(page.getByTestId('counter-idle')).toHaveText(text.counterScreen.closed);
    await expect(page.getByTestId('counter-status')).toHaveText(text.counterScreen.closedHint);
    await shot('06-counter-closed');

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${center.server.url}/display/?lang=${language}`);
    await expect(page.getByRole('heading', { name: text.setup.chooseTitle })).toBeVisible();
    await shot('07-choose');
  });
}
