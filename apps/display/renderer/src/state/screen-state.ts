import type { Language } from '@novbe/core';
import type { CenterEvent, CounterView, HallWaiting, Snapshot } from '@novbe/protocol';

/** A call as screens show it. */
export interface ShownCall {
  readonly ticketId: string;
  readonly number: string;
  readonly counterId: string;
  readonly counterNumber: number;
  readonly hallId: string;
  readonly at: number;
  readonly language?: Language;
  /** The event that last called or recalled it: a new value flashes the call again. */
  readonly flash: number;
  readonly recalled: boolean;
}

/** What a screen knows of the center: kept in the browser so a restart shows it at once. */
export interface ScreenState {
  /** The last event seen: the stream resumes after it. */
  readonly seq: number;
  /** Newest first, at most `MAX_CALLS`. */
  readonly calls: readonly ShownCall[];
  readonly counters: Readonly<Record<string, CounterView>>;
  readonly waiting: Readonly<Record<string, number>>;
}

/** Calls kept: more than any screen lists, so memory stays flat over a 14-hour day. */
export const MAX_CALLS = 24;

export const EMPTY_STATE: ScreenState = { seq: 0, calls: [], counters: {}, waiting: {} };

/** A screen starting afresh from the server's snapshot. */
export function fromSnapshot(snapshot: Snapshot): ScreenState {
  const calls: ShownCall[] = [];
  const seen = new Set<string>();
  for (const c of snapshot.recentCalls) {
    if (seen.has(c.ticketId)) continue;
    seen.add(c.ticketId);
    calls.push({ ...c, flash: 0, recalled: false });
  }
  return {
    seq: snapshot.seq,
    calls: calls.slice(0, MAX_CALLS),
    counters: Object.fromEntries(snapshot.counters.map((c) => [c.id, c])),
    waiting: waitingByHall(snapshot.waiting),
  };
}

export const waitingByHall = (waiting: HallWaiting): Record<string, number> =>
  Object.fromEntries(waiting.map((w) => [w.hallId, w.count]));

function withCounter(state: ScreenState, id: string, change: Partial<CounterView>): ScreenState['counters'] {
  const counter = state.counters[id];
  return counter ? { ...state.counters, [id]: { ...counter, ...change } } : state.counters;
}

/**
 * One event from the stream. Events at or before `state.seq` change nothing, so a replay after
 * a reconnect can never show a call twice.
 */
export function applyEvent(state: ScreenState, e: CenterEvent): ScreenState {
  if (e.seq <= state.seq) return state;
  const next = { ...state, seq: e.seq };
  switch (e.type) {
    case 'ticket.called':
    case 'ticket.recalled': {
      const call: ShownCall = {
        ticketId: e.ticketId,
        number: e.number,
        counterId: e.counterId,
        counterNumber: e.counterNumber,
        hallId: e.hallId,
        at: e.at,
        ...(e.language ? { language: e.language } : {}),
        flash: e.seq,
        recalled: e.type === 'ticket.recalled',
      };
      return {
        ...next,
        calls: [call, ...state.calls.filter((c) => c.ticketId !== e.ticketId)].slice(0, MAX_CALLS),
        counters: withCounter(state, e.counterId, { ticketId: e.ticketId, ticketNumber: e.number }),
      };
    }
    case 'ticket.finished':
    case 'ticket.no-show':
    case 'ticket.transferred':
      return { ...next, counters: withCounter(state, e.counterId, { ticketId: null, ticketNumber: null }) };
    case 'ticket.cancelled':
      return { ...next, calls: state.calls.filter((c) => c.ticketId !== e.ticketId) };
    case 'counter.opened':
      return { ...next, counters: withCounter(state, e.counterId, { status: 'open', staffId: e.staffId }) };
    case 'counter.paused':
      return { ...next, counters: withCounter(state, e.counterId, { status: 'paused' }) };
    case 'counter.closed':
      return {
        ...next,
        counters: withCounter(state, e.counterId, {
          status: 'closed',
          staffId: null,
          ticketId: null,
          ticketNumber: null,
        }),
      };
    case 'counter.taken-over':
      return { ...next, counters: withCounter(state, e.counterId, { staffId: e.staffId }) };
    default:
      // Screens are sent calls and counters only; anything else just moves the sequence on.
      return next;
  }
}
