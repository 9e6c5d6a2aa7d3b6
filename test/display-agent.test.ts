/**
 * The display agent against real things: a center server behind a LAN that can fail, an LED
 * board emulator for two counters on a socat pty, keypad emulators over TCP, staff terminals
 * and a kiosk. What a citizen sees on the boards follows what the server decided, in its order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { refusal } from '../apps/server/src/testing';
import { blinks, KEY, startDisplayRig, type DisplayRig, type Unit } from './display-rig';

let rig: DisplayRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Where the server says each counter is: its status and the ticket in hand. */
async function counter(r: DisplayRig, id: string) {
  const all = await r.server.admin.counters();
  return all.find((c) => c.id === id)!;
}

/** The numbers the server called at a counter, in its order. */
function serverCalls(r: DisplayRig, counterId: string): string[] {
  return (
    r.server.server.db
      .prepare("SELECT payload FROM events WHERE type IN ('ticket.called', 'ticket.recalled') ORDER BY seq")
      .all() as { payload: string }[]
  )
    .map((row) => JSON.parse(row.payload) as { counterId: string; number: string })
    .filter((e) => e.counterId === counterId)
    .map((e) => e.number);
}

const display = (r: DisplayRig, unit: Unit) => r.boards.board(unit).display;

describe('display agent: keypads and boards', () => {
  it('calls the next ticket at its own counter from a keypad, and the board shows it blinking', async () => {
    rig = await startDisplayRig();
    const r = rig;
    const [first] = await r.issue(2);

    expect(await r.press(1, KEY.next)).toMatchObject({
      counterId: 'counter-1',
      key: 'next',
      outcome: 'done',
    });
    await r.until(() => display(r, 1) === first, `board 1 shows ${first}`);
    expect(r.boards.board(1).blinking).toBe(true);
    expect((await counter(r, 'counter-1')).ticketNumber).toBe(first);
    // Counter 2 and its board are untouched.
    expect((await counter(r, 'counter-2')).ticketNumber).toBeNull();
    expect(r.boards.board(2).mode).toBe('blank');
  });

  it("shows the staff terminal's commands and the keypad's on the same counter, in the server's order", async () => {
    rig = await startDisplayRig();
    const r = rig;
    const [a, b, c] = await r.issue(3);

    await r.press(1, KEY.next); // a, from the keypad
    await r.until(() => display(r, 1) === a, `board shows ${a}`);
    expect(await r.press(1, KEY.start)).toMatchObject({ outcome: 'done' });
    await r.staff[1].counterCommand({ params: { id: 'counter-1' }, body: { action: 'finish' } });
    const terminal = await r.staff[1].counterCommand({
      params: { id: 'counter-1' },
      body: { action: 'call-next' },
    });
    expect(terminal.called?.number).toBe(b); // b, from the terminal
    await r.until(() => display(r, 1) === b, `board shows ${b}`);
    // A recall blinks b again from the start: its blink is renewed.
    await r.until(() => r.boards.board(1).blinkSecondsLeft < 5, 'the blink running down', 3_000);
    expect(await r.press(1, KEY.recall)).toMatchObject({ outcome: 'done' });
    await r.until(() => r.boards.board(1).blinkSecondsLeft === 5, 'the blink renewed by the recall');
    await r.staff[1].counterCommand({ params: { id: 'counter-1' }, body: { action: 'start' } });
    await r.press(1, KEY.done);
    await r.press(1, KEY.next); // c
    await r.until(() => display(r, 1) === c, `board shows ${c}`);
    await r.staff[1].counterCommand({ params: { id: 'counter-1' }, body: { action: 'no-show' } });
    await r.until(() => !r.boards.board(1).blinking, 'steady after the no-show');

    expect(serverCalls(r, 'counter-1')).toEqual([a, b, b, c]);
    // Each call blinked once, in the server's order (the recall renewed b's blink); nothing else did.
    expect(blinks(r.shown[1])).toEqual([a, b, c]);
    // The last number stays, steady, after the no-show.
    expect(r.boards.board(1)).toMatchObject({ display: c, blinking: false });
  });

  it('never lets a keypad command another counter', async () => {
    rig = await startDisplayRig({ counterTokens: ['counter-1'] });
    const r = rig;
    const [first] = await r.issue(2);
    const before = r.shown[2].length;

    // Counter 2's keypad: this PC holds no token for counter 2, so the press is refused on its board.
    expect(await r.press(2, KEY.next)).toMatchObject({
      counterId: 'counter-2',
      outcome: 'unreachable',
      sign: 'Err',
      reason: 'no counter-board token',
    });
    await r.until(
      () => r.shown[2].slice(before).some((s) => s.display === 'Err' && s.blinking),
      'Err on board 2',
    );
    await r.until(() => r.boards.board(2).mode === 'blank', 'board 2 back to its state');
    expect((await counter(r, 'counter-2')).ticketNumber).toBeNull();
    await r.agent.heartbeat();
    const own = (await r.server.admin.listDevices()).find((d) => d.role === 'display')!;
    expect(own.status?.detail).toContain('no counter-board token: counter-2');

    // Counter 1's keypad acts at counter 1 only.
    await r.press(1, KEY.next);
    expect((await counter(r, 'counter-1')).ticketNumber).toBe(first);
    expect((await counter(r, 'counter-2')).ticketNumber).toBeNull();

    // And counter 1's token itself cannot command counter 2: the server refuses it.
    const identity = JSON.parse(readFileSync(join(r.dataDir, 'display', 'identity.json'), 'utf8')) as {
      counters: Record<string, { token: string }>;
    };
    const board1 = r.server.admin.withToken(identity.counters['counter-1']!.token);
    expect(
      await refusal(board1.counterCommand({ params: { id: 'counter-2' }, body: { action: 'call-next' } })),
    ).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await counter(r, 'counter-2')).ticketNumber).toBeNull();
  });

  it('refuses a press while the server is unreachable, with a sign, and never sends it later', async () => {
    rig = await startDisplayRig();
    const r = rig;
    const [a, b] = await r.issue(2);
    await r.press(1, KEY.next);
    await r.until(() => display(r, 1) === a, `board shows ${a}`);

    // The server stops: the connection is refused.
    await r.stopServer();
    const mark = r.shown[1].length;
    expect(await r.press(1, KEY.next)).toMatchObject({ outcome: 'unreachable', sign: 'Err' });
    await r.until(
      () => r.shown[1].slice(mark).some((s) => s.display === 'Err' && s.blinking),
      'Err on board 1',
    );
    await r.until(() => display(r, 1) === a, `board 1 back to ${a}`);

    // The server answers nothing at all (a hung host): refused after the command timeout.
    r.lan.blackhole();
    expect(await r.press(1, KEY.next)).toMatchObject({ outcome: 'unreachable', sign: 'Err' });
    await r.until(() => display(r, 1) === a, `board 1 back to ${a}`);

    // The server comes back: the presses stay refused, nothing is called...
    await r.restartServer();
    await r.waitForStatus((s) => s.link === 'live', 'live again');
    await r.agent.heartbeat();
    expect(serverCalls(r, 'counter-1')).toEqual([a]);
    expect((await counter(r, 'counter-1')).ticketNumber).toBe(a);
    // ...and the next presses work, the call reaching the board once.
    expect(await r.press(1, KEY.noShow)).toMatchObject({ outcome: 'done' });
    await r.press(1, KEY.next);
    await r.until(() => display(r, 1) === b, `board shows ${b}`);
    // a went on blinking under the sign; then b: each call blinked once.
    expect(blinks(r.shown[1].filter((s) => s.display !== 'Err'))).toEqual([a, b]);
    expect(serverCalls(r, 'counter-1')).toEqual([a, b]);
  });

  it('shows a short sign for a press the server refuses: nobody waiting, nothing to recall, transfer', async () => {
    rig = await startDisplayRig();
    const r = rig;
    expect(await r.press(2, KEY.next)).toMatchObject({
      outcome: 'refused',
      sign: '---',
      reason: 'nobody waiting',
    });
    expect(await r.press(2, KEY.recall)).toMatchObject({ outcome: 'refused', sign: '---' });
    expect(await r.press(2, KEY.transfer)).toMatchObject({ outcome: 'refused', sign: '---' });
    await r.until(() => r.shown[2].some((s) => s.display === '---' && s.blinking), '--- on board 2');
    await r.until(() => r.boards.board(2).mode === 'blank', 'board 2 back to its state');
  });
});

describe('display agent: devices that fail and come back', () => {
  it('reports a dead board in the heartbeat, and resends its state when it answers again', async () => {
    // The agent reads its boards back every 200 ms by itself: nothing here asks it to.
    rig = await startDisplayRig({ checkIntervalMs: 200 });
    const r = rig;
    const [a] = await r.issue(1);

    r.boards.setDead(2);
    await r.waitForStatus((s) => s.boardsOffline.join() === '2', 'board 2 offline');
    await r.agent.heartbeat();
    let listed = await r.server.admin.listDevices();
    expect(listed.find((d) => d.role === 'display')!.status).toMatchObject({ link: 'online' });
    expect(listed.find((d) => d.role === 'display')!.status?.detail).toContain(
      'boards offline: 2 (counter-2)',
    );
    expect(listed.find((d) => d.counterId === 'counter-2')!.status?.detail).toContain(
      'boards offline: 2 (counter-2)',
    );
    expect(listed.find((d) => d.counterId === 'counter-1')!.status?.detail).not.toContain('offline');

    // A call while the board is dead: it cannot show it yet.
    await r.staff[2].counterCommand({ params: { id: 'counter-2' }, body: { action: 'call-next' } });
    await r.until(() => r.agent.status().boardsOffline.join() === '2', 'still offline');
    expect(display(r, 2)).toBe('');

    r.boards.setDead(2, false);
    await r.waitForStatus((s) => s.boardsOffline.length === 0, 'board 2 back');
    await r.until(() => display(r, 2) === a, `board 2 shows ${a} once back`);
    await r.agent.heartbeat();
    listed = await r.server.admin.listDevices();
    const detail = listed.find((d) => d.role === 'display')!.status?.detail;
    expect(detail).toContain('recovered: board 2 (counter-2)');
    expect(detail).not.toContain('boards offline');
  });

  it('reports a keypad unplugged, and takes its presses again once plugged back in', async () => {
    rig = await startDisplayRig();
    const r = rig;
    const [a] = await r.issue(1);

    await r.keypads[1].unplug();
    await r.waitForStatus(
      (s) => s.keypads.find((k) => k.counterId === 'counter-1')?.attached === false,
      'keypad 1 detached',
    );
    await r.agent.heartbeat();
    expect((await r.server.admin.listDevices()).find((d) => d.role === 'display')!.status?.detail).toContain(
      'keypads detached: counter-1',
    );

    await r.keypads[1].replug();
    await r.waitForStatus((s) => s.keypads.every((k) => k.attached), 'keypad 1 attached again');
    expect(await r.press(1, KEY.next)).toMatchObject({ outcome: 'done' });
    await r.until(() => display(r, 1) === a, `board shows ${a}`);
    await r.agent.heartbeat();
    const detail = (await r.server.admin.listDevices()).find((d) => d.role === 'display')!.status?.detail;
    expect(detail).toMatch(/recovered: keypad counter-1 \(tcp:\/\/127\.0\.0\.1:\d+\)/);
    expect(detail).not.toContain('detached');
  });
});

describe('display agent: resuming', () => {
  it('resumes after a restart without missing or repeating a call on the board', async () => {
    // Short blinks: a call has stopped blinking when the agent stops, so a call replayed twice
    // would blink again where everyone can see it.
    rig = await startDisplayRig({ blinkSeconds: 1 });
    const r = rig;
    const terminal = () => r.server.admin.withToken(r.staff[1].options.token!);
    const next = async () => {
      await terminal().counterCommand({ params: { id: 'counter-1' }, body: { action: 'no-show' } });
      await terminal().counterCommand({ params: { id: 'counter-1' }, body: { action: 'call-next' } });
    };
    const [a, b, c, d] = await r.issue(4);
    await r.press(1, KEY.next);
    await r.until(() => display(r, 1) === a, `board shows ${a}`);
    await r.until(() => !r.boards.board(1).blinking, `${a} steady`);

    // A restart with nothing new: a stays, steady; then a live call.
    await r.restartAgent();
    await r.waitForStatus((s) => s.link === 'live', 'live after the restart');
    await next();
    await r.until(() => display(r, 1) === b, `board shows ${b}`);
    await r.until(() => !r.boards.board(1).blinking, `${b} steady`);

    // The agent stops; counter 1 calls while it is away: shown once it is back.
    await r.agent.close();
    await next();
    await r.restartAgent();
    await r.until(() => display(r, 1) === c, `board shows ${c} after the restart`);
    await r.waitForStatus((s) => s.link === 'live', 'live again');

    // The server restarts; the stream resumes after what it saw. Aysel's session outlives it.
    await r.stopServer();
    await r.restartServer();
    await r.waitForStatus((s) => s.link === 'live', 'live after the server restart');
    await next();
    await r.until(() => display(r, 1) === d, `board shows ${d}`);

    // Each call blinked once, in order: none missed, none shown twice.
    expect(serverCalls(r, 'counter-1')).toEqual([a, b, c, d]);
    expect(blinks(r.shown[1])).toEqual([a, b, c, d]);
  });
});
