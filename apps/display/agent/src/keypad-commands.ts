import type { KeypadCommand } from '@novbe/buttons';
import { ProtocolError, type CounterCommand, type CounterCommandResult } from '@novbe/protocol';
import { SIGNS } from './board-rules';

/** What each key sends; `transfer` needs a target (a service or a counter) a keypad cannot name. */
const COMMANDS: Record<KeypadCommand, CounterCommand | null> = {
  next: { action: 'call-next' },
  recall: { action: 'recall' },
  start: { action: 'start' },
  done: { action: 'finish' },
  'no-show': { action: 'no-show' },
  pause: { action: 'pause' },
  transfer: null,
};

/** The counter command a keypad key sends; null for `transfer`, refused with the sign. */
export function counterCommandFor(command: KeypadCommand): CounterCommand | null {
  return COMMANDS[command];
}

/** How a press ended, and the sign its board shows (null: none, the events show the result). */
export interface PressOutcome {
  readonly outcome: 'done' | 'refused' | 'unreachable';
  readonly sign: string | null;
  /** For the log: the server's reason code or what went wrong. */
  readonly reason: string;
}

/** A press the server carried out: only "call next" with nobody waiting gets a sign. */
export function answeredOutcome(result: CounterCommandResult, command: CounterCommand): PressOutcome {
  if (command.action === 'call-next' && result.called === null)
    return { outcome: 'refused', sign: SIGNS.refused, reason: 'nobody waiting' };
  return { outcome: 'done', sign: null, reason: 'ok' };
}

/**
 * A press that failed. No answer (refused connection, reset, timeout), a server fault (5xx) or a
 * token the server no longer knows (401) is `unreachable` ("Err": nothing happened, and nothing
 * will: the press is not kept); any other refusal (409 nothing to recall, 403 not allowed) is
 * `refused` ("---").
 */
export function failedOutcome(error: unknown): PressOutcome {
  if (!(error instanceof ProtocolError))
    return { outcome: 'unreachable', sign: SIGNS.unreachable, reason: String(error) };
  if (error.status === undefined || error.status >= 500 || error.status === 401)
    return {
      outcome: 'unreachable',
      sign: SIGNS.unreachable,
      reason: error.status ? `${error.status} ${error.code}` : error.message,
    };
  return { outcome: 'refused', sign: SIGNS.refused, reason: `${error.status} ${error.code}` };
}
