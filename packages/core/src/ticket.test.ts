import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from './errors';
import { isFinal, isWaiting, nextStatus, TICKET_TRANSITIONS, TicketAction, TicketStatus } from './ticket';

describe('ticket lifecycle', () => {
  it('follows issued → called → (recalled)* → serving → done', () => {
    let s: TicketStatus = TicketStatus.Issued;
    s = nextStatus('t', s, TicketAction.Call);
    s = nextStatus('t', s, TicketAction.Recall);
    s = nextStatus('t', s, TicketAction.Recall);
    expect(s).toBe(TicketStatus.Called);
    s = nextStatus('t', s, TicketAction.Start);
    expect(nextStatus('t', s, TicketAction.Finish)).toBe(TicketStatus.Done);
  });

  it('lets a transferred ticket wait and be called again', () => {
    const s = nextStatus('t', TicketStatus.Serving, TicketAction.Transfer);
    expect(isWaiting(s)).toBe(true);
    expect(nextStatus('t', s, TicketAction.Call)).toBe(TicketStatus.Called);
  });

  it('rejects every pair the table does not list, with a typed error', () => {
    const actions = Object.values(TicketAction);
    let illegal = 0;
    for (const status of Object.values(TicketStatus)) {
      for (const action of actions) {
        const to = TICKET_TRANSITIONS[status][action];
        if (to) {
          expect(nextStatus('t', status, action)).toBe(to);
          continue;
        }
        illegal++;
        expect(() => nextStatus('t-1', status, action)).toThrow(IllegalTransitionError);
        try {
          nextStatus('t-1', status, action);
        } catch (e) {
          expect(e).toMatchObject({ code: 'illegal-transition', from: status, action, ticketId: 't-1' });
        }
      }
    }
    expect(illegal).toBeGreaterThan(30);
  });

  it('has no way out of a final state', () => {
    for (const status of Object.values(TicketStatus))
      if (isFinal(status)) expect(Object.keys(TICKET_TRANSITIONS[status])).toEqual([]);
  });
});
