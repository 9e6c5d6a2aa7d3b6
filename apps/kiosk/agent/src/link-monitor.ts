import { ProtocolError } from '@novbe/protocol';
import { EventEmitter } from 'node:events';

export type LinkState = 'online' | 'offline';

/** The server did not answer at all: refused, reset, timed out. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof ProtocolError && error.status === undefined;
}

/** The server answered that it cannot do it now (5xx): the request may be retried elsewhere or later. */
export function isServerFault(error: unknown): boolean {
  return error instanceof ProtocolError && error.status !== undefined && error.status >= 500;
}

/**
 * Whether the center server answers, learned from every request's outcome and from `/health`
 * probes. While offline the kiosk skips the online attempt altogether, so a dead server costs
 * one budget once, not one per citizen.
 */
export class LinkMonitor extends EventEmitter<{ change: [LinkState] }> {
  #state: LinkState = 'offline';

  get state(): LinkState {
    return this.#state;
  }

  get online(): boolean {
    return this.#state === 'online';
  }

  /** A request got an answer (any HTTP status: the server is there). */
  succeeded(): void {
    this.#set('online');
  }

  /** A request failed; only an unreachable server takes the link down. */
  failed(error: unknown): void {
    if (isUnreachable(error)) this.#set('offline');
  }

  /** The server could not be asked at all (a failed probe, whatever the cause). */
  lost(): void {
    this.#set('offline');
  }

  #set(state: LinkState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.emit('change', state);
  }
}
