import { expect, test } from './fixtures';

test.describe('hall screen', () => {
  test('pairs with a code typed on the page, then shows and speaks a call from the server', async ({
    page,
    center,
    pageProblems,
  }) => {
    void pageProblems;
    await page.goto(`${center.server.url}/display/?mode=hall&hall=hall-1`);
    await expect(page.getByTestId('pair-screen')).toBeVisible();
    const { code } = await center.server.admin.createPairingCode({ body: { role: 'display', name: 'TV 1' } });
    await page.getByTestId('pair-code').fill(code);
    await page.getByTestId('pair-button').click();
    await expect(page.getByTestId('hall-screen')).toBeVisible();

    await center.issue(2, 'ru');
    await center.command('call-next');
    await expect(page.getByTestId('newest-ticket')).toHaveText('A-001');
    await expect(page.getByTestId('newest-counter')).toHaveText('1');
    // Counter 1 is on the left of the hall screen.
    await expect(page.getByTestId('newest-call')).toContainText('solda');
    const [spoken] = await new (await import('./fixtures')).ScreenPage(page).spoken(1);
    expect(spoken!.number).toBe('A-001');
    expect(spoken!.missing).toEqual([]);
    // Chime, Azerbaijani, then the citizen's Russian.
    expect(spoken!.clips[0]!.name).toBe('common/chime');
    expect(spoken!.clips.some((c) => c.name.startsWith('az/'))).toBe(true);
    expect(spoken!.clips.at(-1)!.name.startsWith('ru/')).toBe(true);

    // The token is kept: a reload needs no code.
    await page.reload();
    await expect(page.getByTestId('newest-ticket')).toHaveText('A-001');
    await expect(page.getByTestId('waiting')).toHaveText('Gözləyənlər: 1');
  });
});
