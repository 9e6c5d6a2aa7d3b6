import { KeypadEmulator } from '@novbe/buttons';
import { startDisplayAgent } from '@novbe/display/agent';
import { createPtyPair, LedBoardEmulator } from '@novbe/led-board';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test('a keypad press and a call from the API both reach the hall page and the LED board, in order', async ({
  page,
  center,
  pageProblems,
}) => {
  void pageProblems;
  const dataDir = mkdtempSync(join(tmpdir(), 'novbe-display-pc-'));
  const pty = await createPtyPair();
  const board = await LedBoardEmulator.open(pty.devicePath, { units: [1] });
  const keypad = new KeypadEmulator();
  const keypadPort = await keypad.listen(0);
  const agent = await startDisplayAgent({
    serverUrl: center.server.url,
    dataDir,
    name: 'Hall 1 PC',
    logLevel: 'silent',
    boards: { path: pty.driverPath, units: [{ unit: 1, counterId: 'counter-1' }] },
    keypads: { hid: false, tcp: [{ port: keypadPort, counterId: 'counter-1' }], pollMs: 100 },
  });
  try {
    for (const body of [
      { role: 'display' as const, name: 'Hall 1 PC' },
      { role: 'counter-board' as const, name: 'Counter 1 keypad', counterId: 'counter-1' },
    ])
      await agent.pair((await center.server.admin.createPairingCode({ body })).code);
    await expect.poll(() => agent.status().keypads.some((k) => k.attached)).toBe(true);
    const boardShows: string[] = [];
    board.on('change', (s) => {
      if (s.blinking && boardShows.at(-1) !== s.text) boardShows.push(s.text);
    });

    const hall = await center.openScreen(page, 'mode=hall&hall=hall-1');
    await center.issue(2);
    // The keypad on counter 1: call next (F13).
    keypad.press('F13');
    await expect(hall.newestTicket()).toHaveText('A-001');
    await expect.poll(() => boardShows).toEqual(['A-001']);
    // Then the staff terminal on the same counter, through the API: the server orders both.
    await center.next();
    await expect(hall.newestTicket()).toHaveText('A-002');
    await expect.poll(() => boardShows).toEqual(['A-001', 'A-002']);
    await expect
      .poll(async () => (await hall.announcements()).map((a) => a.number))
      .toEqual(['A-001', 'A-002']);
    expect(await hall.shownCalls()).toEqual(['A-002', 'A-001']);
  } finally {
    await agent.close();
    await keypad.close();
    await board.close();
    await pty.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
