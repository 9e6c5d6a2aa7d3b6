import type { CenterEvent, CounterView } from '@novbe/protocol';

/**
 * What a counter's board should show, kept from the center's events. The rules, as a citizen
 * reads a board:
 * - a new call shows the number blinking (`blinkMs`); a recall blinks it again. A call heard
 *   long after it was made (`freshMs`, by this PC's clock: a display that was off catching up)
 *   shows steady: nobody is still looking for it to blink;
 * - once the citizen is served (started), finished, marked absent or sent elsewhere, the number
 *   stays, steady, until the next call: it is the last number called here, and a citizen
 *   looking for it still finds the counter;
 * - a paused or closed counter shows "—"; reopened, it shows the ticket still in hand, if any,
 *   otherwise nothing.
 */
export interface CounterBoardState {
  readonly status: CounterView['status'];
  /** The number shown while open: the last ticket called here (null: none). */
  readonly number: string | null;
  /** Whether that ticket is still in hand (called or being served), not finished. */
  readonly inHand: boolean;
  /** Local clock ms until which the number blinks (0: steady). */
  readonly blinkUntil: number;
}

/** What one board is told to show. */
export type BoardView =
  | { readonly kind: 'number'; readonly text: string; readonly blinkSeconds: number }
  | { readonly kind: 'sign'; readonly text: string; readonly blinkSeconds: number }
  | { readonly kind: 'closed' }
  | { readonly kind: 'blank' };

/** A short sign over the board's state: a refused keypad press. */
export interface BoardSign {
  readonly text: string;
  /** Local clock ms until which it stays. */
  readonly until: number;
}

/** The signs of a refused keypad press. */
export const SIGNS = {
  /** The server could not be reached (or has no answer in time), or this PC holds no token for the counter. */
  unreachable: 'Err',
  /** The server refused (nothing to recall, nobody waiting, not allowed). */
  refused: '---',
} as const;

/** A counter as the server reports it (snapshot, counter list). */
export function stateFromView(view: Pick<CounterView, 'status' | 'ticketNumber'>): CounterBoardState {
  return {
    status: view.status,
    number: view.ticketNumber,
    inHand: view.ticketNumber !== null,
    blinkUntil: 0,
  };
}

/** How events move a counter's board on. */
export interface BoardTiming {
  /** When the event is received (local clock, ms). */
  readonly now: number;
  /** How long a call blinks. */
  readonly blinkMs: number;
  /** A call older than this when received does not blink. */
  readonly freshMs: number;
}

/** The counter's state after `event`, or `state` itself when the event does not concern boards. */
export function applyEvent(
  state: CounterBoardState | undefined,
  event: CenterEvent,
  { now, blinkMs, freshMs }: BoardTiming,
): CounterBoardState | undefined {
  const base: CounterBoardState = state ?? { status: 'open', number: null, inHand: false, blinkUntil: 0 };
  switch (event.type) {
    case 'ticket.called':
    case 'ticket.recalled':
      return {
        status: 'open',
        number: event.number,
        inHand: true,
        blinkUntil: blinkMs > 0 && now - event.at < freshMs ? now + blinkMs : 0,
      };
    case 'ticket.started':
      return { ...base, number: event.number, inHand: true, blinkUntil: 0 };
    case 'ticket.finished':
    case 'ticket.no-show':
    case 'ticket.transferred':
      return { ...base, number: base.number ?? event.number, inHand: false, blinkUntil: 0 };
    case 'counter.opened':
      return { ...base, status: 'open', number: base.inHand ? base.number : null };
    case 'counter.paused':
      return { ...base, status: 'paused', blinkUntil: 0 };
    case 'counter.closed':
      return { status: 'closed', number: null, inHand: false, blinkUntil: 0 };
    default:
      return state;
  }
}

/** The counter an event concerns, if it concerns one. */
export function counterOf(event: CenterEvent): string | null {
  return 'counterId' in event ? event.counterId : null;
}

const seconds = (until: number, now: number) => Math.min(600, Math.max(0, Math.ceil((until - now) / 1000)));

/** What the board shows now: a sign while one stands, else the counter's state. */
export function boardView(
  state: CounterBoardState | undefined,
  sign: BoardSign | null,
  now: number,
): BoardView | null {
  if (sign && sign.until > now)
    return { kind: 'sign', text: sign.text, blinkSeconds: seconds(sign.until, now) };
  if (!state) return null;
  if (state.status !== 'open') return { kind: 'closed' };
  if (state.number === null) return { kind: 'blank' };
  return { kind: 'number', text: state.number, blinkSeconds: seconds(state.blinkUntil, now) };
}

/**
 * Whether what a board reads back (mode and text) is what it should show. A board that keeps no
 * text (digits only) reads back none: its mode is all that can be checked.
 */
export function boardShows(view: BoardView, read: { mode: string; text: string }): boolean {
  switch (view.kind) {
    case 'closed':
      return read.mode === 'closed';
    case 'blank':
      return read.mode === 'blank';
    case 'number':
    case 'sign':
      return read.mode === 'normal' && (read.text === '' || read.text === view.text.trim());
  }
}
