import type { CenterEvent, Snapshot } from '@novbe/protocol';
import { describe, expect, it } from 'vitest';
import { applyEvent, EMPTY_STATE, fromSnapshot, MAX_CALLS, type ScreenState } from './screen-state';

const at = { counterId: 'counter-1', counterNumber: 1, hallId: 'hall-1' };
let seq = 0;
const call = (n: number, type: 'ticket.called' | 'ticket.recalled' = 'ticket.called'): CenterEvent =>
  ({
    type,
    seq: ++seq,
    at: 1_000 + seq,
    ...at,
    ticketId: `t${n}`,
    number: `A-${String(n).padStart(3, '0')}`,
    serviceId: 'dim-id-card',
    language: 'ru',
    ...(type === 'ticket.called'
      ? { reason: 'next', privileged: false, outOfOrder: false, staffId: 's' }
      : {}),
  }) as CenterEvent;

const snapshot: Snapshot = {
  seq: 0,
  counters: [
    {
      id: 'counter-1',
      number: 1,
      hallId: 'hall-1',
      status: 'open',
      staffId: 's',
      ticketId: null,
      ticketNumber: null,
    },
  ],
  recentCalls: [],
  waiting: [{ hallId: 'hall-1', count: 3 }],
};
const apply = (state: ScreenState, ...events: CenterEvent[]) => events.reduce(applyEvent, state);
const numbers = (s: ScreenState) => s.calls.map((c) => c.number);

describe('what a screen shows', () => {
  it('puts each call on top and the counter on its ticket; a recall moves it up and flashes it again', () => {
    const s = apply(fromSnapshot(snapshot), call(1), call(2), call(1, 'ticket.recalled'));
    expect(numbers(s)).toEqual(['A-001', 'A-002']);
    expect(s.calls[0]).toMatchObject({ recalled: true, flash: s.seq, language: 'ru' });
    expect(s.counters['counter-1']).toMatchObject({ ticketId: 't1', ticketNumber: 'A-001' });
    expect(s.waiting).toEqual({ 'hall-1': 3 });
  });

  it('ignores an event it already took in, so a replay never shows a call twice', () => {
    const first = call(1);
    const s = apply(EMPTY_STATE, first, call(2));
    expect(applyEvent(s, first)).toBe(s);
    expect(numbers(apply(s, first, first))).toEqual(['A-002', 'A-001']);
  });

  it('clears the counter when the ticket is done, the counter closes, or the ticket is cancelled', () => {
    let s = apply(fromSnapshot(snapshot), call(1));
    s = applyEvent(s, {
      type: 'ticket.finished',
      seq: ++seq,
      at: 0,
      ...at,
      ticketId: 't1',
      number: 'A-001',
      serviceId: 'x',
    });
    expect(s.counters['counter-1']).toMatchObject({ status: 'open', ticketNumber: null });
    expect(numbers(s)).toEqual(['A-001']);
    s = applyEvent(s, { type: 'counter.closed', seq: ++seq, at: 0, ...at, staffId: null });
    expect(s.counters['counter-1']).toMatchObject({ status: 'closed', staffId: null });
    s = applyEvent(s, {
      type: 'ticket.cancelled',
      seq: ++seq,
      at: 0,
      hallId: 'hall-1',
      ticketId: 't1',
      number: 'A-001',
    });
    expect(numbers(s)).toEqual([]);
  });

  it(`keeps at most ${MAX_CALLS} calls however long the day`, () => {
    let s = EMPTY_STATE;
    for (let n = 1; n <= 500; n++) s = applyEvent(s, call(n));
    expect(s.calls).toHaveLength(MAX_CALLS);
    expect(s.calls[0]!.number).toBe('A-500');
  });
});
