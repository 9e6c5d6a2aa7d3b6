import type { CenterEvent } from '@novbe/protocol';
import { describe, expect, it } from 'vitest';
import { applyEvent, boardShows, boardView, stateFromView, type CounterBoardState } from './board-rules';

const at = { counterId: 'counter-1', counterNumber: 1, hallId: 'hall-1' };
const ticket = (number: string) => ({ ...at, ticketId: `t-${number}`, number, serviceId: 'dim-id-card' });
let seq = 0;
const ev = (body: object, when = 1_000): CenterEvent => ({ seq: ++seq, at: when, ...body }) as CenterEvent;
const called = (number: string, when?: number) =>
  ev(
    {
      type: 'ticket.called',
      ...ticket(number),
      reason: 'next',
      privileged: false,
      outOfOrder: false,
      staffId: null,
    },
    when,
  );
const timing = { now: 1_000, blinkMs: 5_000, freshMs: 60_000 };

/** Runs events through the rules and answers what the board shows after each, at `now`. */
function shows(events: CenterEvent[], start?: CounterBoardState, now = timing.now) {
  let state = start;
  return events.map((e) => {
    state = applyEvent(state, e, timing);
    return boardView(state, null, now);
  });
}

describe('board rules', () => {
  it('blinks a new call, blinks a recall again, and keeps the number steady once served', () => {
    expect(
      shows([
        called('A-001'),
        ev({ type: 'ticket.recalled', ...ticket('A-001') }),
        ev({ type: 'ticket.started', ...ticket('A-001') }),
        ev({ type: 'ticket.finished', ...ticket('A-001') }),
        called('A-002'),
        ev({ type: 'ticket.no-show', ...ticket('A-002') }),
      ]),
    ).toEqual([
      { kind: 'number', text: 'A-001', blinkSeconds: 5 },
      { kind: 'number', text: 'A-001', blinkSeconds: 5 },
      { kind: 'number', text: 'A-001', blinkSeconds: 0 },
      { kind: 'number', text: 'A-001', blinkSeconds: 0 },
      { kind: 'number', text: 'A-002', blinkSeconds: 5 },
      { kind: 'number', text: 'A-002', blinkSeconds: 0 },
    ]);
  });

  it('stops blinking when the blink time is over', () => {
    const state = applyEvent(undefined, called('A-001'), timing);
    expect(boardView(state, null, 3_500)).toEqual({ kind: 'number', text: 'A-001', blinkSeconds: 3 });
    expect(boardView(state, null, 6_000)).toEqual({ kind: 'number', text: 'A-001', blinkSeconds: 0 });
  });

  it('shows a call heard long after it was made without blinking', () => {
    expect(applyEvent(undefined, called('A-009', 1_000), { ...timing, now: 100_000 })).toMatchObject({
      blinkUntil: 0,
    });
  });

  it('shows closed when paused or closed; reopened, the ticket in hand or nothing', () => {
    const pause = ev({ type: 'counter.paused', ...at, staffId: 's' });
    const open = ev({ type: 'counter.opened', ...at, staffId: 's' });
    const close = ev({ type: 'counter.closed', ...at, staffId: 's' });
    expect(shows([called('A-001'), pause, open])).toEqual([
      { kind: 'number', text: 'A-001', blinkSeconds: 5 },
      { kind: 'closed' },
      { kind: 'number', text: 'A-001', blinkSeconds: 0 },
    ]);
    expect(
      shows([called('A-001'), ev({ type: 'ticket.finished', ...ticket('A-001') }), pause, open, close, open]),
    ).toEqual([
      { kind: 'number', text: 'A-001', blinkSeconds: 5 },
      { kind: 'number', text: 'A-001', blinkSeconds: 0 },
      { kind: 'closed' },
      { kind: 'blank' },
      { kind: 'closed' },
      { kind: 'blank' },
    ]);
  });

  it('leaves the state alone for events that do not move a board', () => {
    const state = applyEvent(undefined, called('A-001'), timing);
    const takeOver = ev({
      type: 'counter.taken-over',
      ...at,
      staffId: 'b',
      fromStaffId: 'a',
      byStaffId: 'c',
      ticketId: null,
    });
    expect(applyEvent(state, takeOver, timing)).toBe(state);
  });

  it('starts from a counter as the server reports it', () => {
    expect(boardView(stateFromView({ status: 'open', ticketNumber: 'B-007' }), null, 0)).toEqual({
      kind: 'number',
      text: 'B-007',
      blinkSeconds: 0,
    });
    expect(boardView(stateFromView({ status: 'open', ticketNumber: null }), null, 0)).toEqual({
      kind: 'blank',
    });
    expect(boardView(stateFromView({ status: 'paused', ticketNumber: 'B-007' }), null, 0)).toEqual({
      kind: 'closed',
    });
    expect(boardView(undefined, null, 0)).toBeNull();
  });

  it('puts a sign over the state while it stands', () => {
    const state = stateFromView({ status: 'open', ticketNumber: 'B-007' });
    const sign = { text: 'Err', until: 3_000 };
    expect(boardView(state, sign, 0)).toEqual({ kind: 'sign', text: 'Err', blinkSeconds: 3 });
    expect(boardView(undefined, sign, 2_500)).toEqual({ kind: 'sign', text: 'Err', blinkSeconds: 1 });
    expect(boardView(state, sign, 3_000)).toEqual({ kind: 'number', text: 'B-007', blinkSeconds: 0 });
  });

  it('tells whether a board shows its view from what it reads back', () => {
    const number = { kind: 'number', text: 'A-001', blinkSeconds: 0 } as const;
    expect(boardShows(number, { mode: 'normal', text: 'A-001' })).toBe(true);
    expect(boardShows(number, { mode: 'normal', text: '' })).toBe(true); // digits-only board
    expect(boardShows(number, { mode: 'blank', text: 'A-001' })).toBe(false);
    expect(boardShows(number, { mode: 'normal', text: 'A-002' })).toBe(false);
    expect(boardShows({ kind: 'closed' }, { mode: 'closed', text: '' })).toBe(true);
    expect(boardShows({ kind: 'blank' }, { mode: 'normal', text: '' })).toBe(false);
  });
});
