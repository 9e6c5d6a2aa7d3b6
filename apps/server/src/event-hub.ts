import type { CenterEvent, StreamMessage } from '@novbe/protocol';
import type { WebSocket } from 'ws';

/** Which halls a subscriber hears about: all (null), or some. */
export type HallFilter = readonly string[] | null;

/**
 * What boards and hall screens show: calls and counters. Issues, leases, bookings and device
 * events stay off their streams — 500 screens need not hear of every printed ticket.
 */
export const DISPLAY_EVENT_TYPES: ReadonlySet<string> = new Set([
  'ticket.called',
  'ticket.recalled',
  'ticket.started',
  'ticket.finished',
  'ticket.no-show',
  'ticket.transferred',
  'ticket.cancelled',
  'counter.opened',
  'counter.taken-over',
  'counter.paused',
  'counter.closed',
]);

/** A subscriber's filter: its halls, and the event types it shows (null: all, for staff). */
export interface StreamFilter {
  readonly halls: HallFilter;
  readonly types: ReadonlySet<string> | null;
}

interface Subscriber {
  readonly socket: WebSocket;
  readonly filter: StreamFilter;
  readonly key: string;
}

/** A subscriber that stops reading is dropped past this much unsent data; it resumes on reconnect. */
const MAX_BUFFERED = 4 * 1024 * 1024;

export function visibleTo({ halls, types }: StreamFilter, event: CenterEvent): boolean {
  if (types !== null && !types.has(event.type)) return false;
  if (halls === null) return true;
  return event.hallId !== null && halls.includes(event.hallId);
}

/**
 * Fans committed events out to WebSocket subscribers. Subscribers with the same hall filter
 * share one serialised message per batch, so a call reaches 500 displays with a handful of
 * JSON.stringify calls, not 500.
 */
export class EventHub {
  readonly #subscribers = new Set<Subscriber>();

  get size(): number {
    return this.#subscribers.size;
  }

  add(socket: WebSocket, filter: StreamFilter): () => void {
    const halls = filter.halls === null ? '*' : [...filter.halls].sort().join(',');
    const subscriber = { socket, filter, key: `${halls}|${filter.types === null ? '*' : 'display'}` };
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  publish(events: readonly CenterEvent[]): void {
    const messages = new Map<string, string | null>();
    for (const s of this.#subscribers) {
      let message = messages.get(s.key);
      if (message === undefined) {
        const visible = events.filter((e) => visibleTo(s.filter, e));
        message = visible.length
          ? JSON.stringify({ type: 'events', events: visible } satisfies StreamMessage)
          : null;
        messages.set(s.key, message);
      }
      if (message === null || s.socket.readyState !== s.socket.OPEN) continue;
      if (s.socket.bufferedAmount > MAX_BUFFERED) {
        s.socket.close(1013, 'too slow: reconnect and resume');
        continue;
      }
      s.socket.send(message);
    }
  }

  closeAll(): void {
    for (const s of this.#subscribers) s.socket.close(1001, 'server shutting down');
    this.#subscribers.clear();
  }
}
