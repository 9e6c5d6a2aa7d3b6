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
    await page.evaluate(() =>
      (window as unknown as { novbeScreen: { voiceReady(): Promise<unknown> } }).novbeScreen.voiceReady(),
    );

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

test.describe('calls in order', () => {
  test('two calls and a recall are shown and spoken in order, one after another, none cut off', async ({
    page,
    center,
    pageProblems,
  }) => {
    void pageProblems;
    const hall = await center.openScreen(page, 'mode=hall&hall=hall-1');
    await expect(page.getByTestId('hall-screen')).toBeVisible();
    await center.issue(3, 'en');
    await expect(page.getByTestId('waiting')).toHaveText('Gözləyənlər: 3');
    await center.next();
    await center.next();
    await center.command('recall');
    await expect(hall.newestTicket()).toHaveText('A-002');
    await expect(page.getByTestId('newest-call')).toContainText('Təkrar çağırış');
    await expect(page.getByTestId('recent-calls')).toContainText('A-001');

    const spoken = await hall.spoken(3);
    expect(spoken.map((a) => a.number)).toEqual(['A-001', 'A-002', 'A-002']);
    // The player's own schedule: each announcement starts after the one before ended, and
    // within one, each clip starts where the one before it ends.
    for (let i = 1; i < spoken.length; i++)
      expect(spoken[i]!.start!).toBeGreaterThanOrEqual(spoken[i - 1]!.end!);
    for (const a of spoken) {
      expect(a.missing).toEqual([]);
      for (let j = 1; j < a.clips.length; j++)
        expect(a.clips[j]!.when).toBeCloseTo(a.clips[j - 1]!.when + a.clips[j - 1]!.duration, 6);
    }
    expect(await hall.shownCalls()).toEqual(['A-002', 'A-001']);
  });

  test('the server dies mid-stream and comes back: nothing missed, nothing shown or spoken twice', async ({
    page,
    pageProblems,
  }) => {
    void pageProblems;
    const { startCenter } = await import('./fixtures');
    let center = await startCenter();
    const port = Number(new URL(center.server.url).port);
    const dataDir = center.server.dataDir;
    try {
      const hall = await center.openScreen(page, 'mode=hall&hall=hall-1');
      await center.issue(6);
      for (let i = 0; i < 3; i++) await center.next();
      await expect(hall.newestTicket()).toHaveText('A-003');

      await center.server.close({ keepData: true });
      await expect(page.getByTestId('link-badge')).toBeVisible();
      // The last state stays on screen while the server is away.
      await expect(hall.newestTicket()).toHaveText('A-003');

      center = await startCenter({ port, dataDir });
      for (let i = 0; i < 3; i++) await center.next();
      await expect(hall.newestTicket()).toHaveText('A-006');
      await expect(page.getByTestId('link-badge')).toBeHidden();
      // Queued for speaking once each, in order (test above: the queue plays them all in turn).
      await expect
        .poll(async () => (await hall.announcements()).map((a) => a.number))
        .toEqual(['A-001', 'A-002', 'A-003', 'A-004', 'A-005', 'A-006']);
      expect(await hall.shownCalls()).toEqual(['A-006', 'A-005', 'A-004', 'A-003', 'A-002', 'A-001']);
    } finally {
      await center.server.close();
    }
  });
});

test("the hall's media area is muted while a call is spoken, and only then", async ({
  page,
  center,
  pageProblems,
}) => {
  void pageProblems;
  const admin = center.server.admin;
  const config = await admin.center();
  // Any file the screen can reach plays as the media area; the voice pack's chime will do.
  const media = `${center.server.url}/display/voice/common/chime.ogg`;
  await admin.setCenter({
    body: {
      ...config,
      halls: config.halls.map((h) => (h.id === 'hall-1' ? { ...h, screen: { ...h.screen, media } } : h)),
    },
  });
  const hall = await center.openScreen(page, 'mode=hall&hall=hall-1');
  const video = page.getByTestId('media');
  await expect(video).toHaveAttribute('src', media);
  const muted = () => video.evaluate((v: HTMLVideoElement) => v.muted);
  expect(await muted()).toBe(false);
  await center.issue(1);
  await center.command('call-next');
  await expect.poll(muted).toBe(true);
  await hall.spoken(1);
  await expect.poll(muted).toBe(false);
});
