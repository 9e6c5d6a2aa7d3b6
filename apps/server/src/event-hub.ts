import {
  ReasonCode,
  StreamCloseReason,
  type AuditHead,
  type CenterEvent,
  type HallWaiting,
  type StreamMessage,
} from '@novbe/protocol';
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

/** Whose a stream is: ending that principal's access ends its streams. */
export interface StreamOwner {
  /** `device:<id>` or `staff:<id>`: what the per-principal cap counts. */
  readonly principal: string;
  /** A staff stream's session (its token's hash); null for a device. */
  readonly session: string | null;
}

interface Subscriber {
  readonly socket: WebSocket;
  readonly filter: StreamFilter;
  readonly key: string;
  readonly owner: StreamOwner;
  /** False while the stream's replay is being sent: live events wait for it. */
  live: boolean;
  /** The last `waiting` message sent to it. */
  lastWaiting: string | null;
}

/** A stream's place in the hub, from its hello on: counted, closable, live once caught up. */
export interface Subscription {
  /** From now on the stream gets live events (its replay is sent: no await in between). */
  goLive(): void;
  /** Tells the stream how many wait in its halls (later only changes reach it). */
  sendWaiting(waiting: HallWaiting): void;
  remove(): void;
}

/**
 * Unsent data a stream may hold beyond what the kernel's socket buffers took (on a LAN, MBs):
 * a client that reads keeps far below it. Past it a live stream is dropped (it resumes on
 * reconnect from the last event it read) and a replay waits, so 200 clients that never read
 * hold at most ~200 × (this + a replay page) in the server (`npm run bench:streams`).
 */
export const MAX_BUFFERED = 128 * 1024;
/** A replay that waited sends its next page once the stream's unsent data is below this. */
const REPLAY_LOW_WATER = 32 * 1024;
/** How often a waiting replay looks at the stream, and how many looks without progress mean it stopped reading. */
const DRAIN_POLL_MS = 50;
const STALLED_POLLS = 40;

/** Whether a stream holds more unsent data than allowed. */
export function tooSlow(socket: WebSocket): boolean {
  return socket.bufferedAmount > MAX_BUFFERED;
}

/**
 * Waits until a stream past the send limit has sent most of what it holds: true then, false
 * when it closed or made no progress for STALLED_POLLS × DRAIN_POLL_MS (its client stopped
 * reading). A replay waits on this between pages, so it holds no more than a live stream may.
 */
export async function drained(socket: WebSocket): Promise<boolean> {
  let least = socket.bufferedAmount;
  let stalled = 0;
  while (socket.readyState === socket.OPEN) {
    if (socket.bufferedAmount < REPLAY_LOW_WATER) return true;
    if (stalled >= STALLED_POLLS) return false;
    await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    stalled = socket.bufferedAmount < least ? 0 : stalled + 1;
    least = Math.min(least, socket.bufferedAmount);
  }
  return false;
}

/** The close frame's code for a stream whose principal lost its access (policy violation). */
const ACCESS_ENDED = 1008;

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
  /** Streams dropped for holding too much unsent data, live or replaying. */
  droppedTooSlow = 0;

  get size(): number {
    return this.#subscribers.size;
  }

  /** A stream from its hello on; it hears live events once `goLive` is called. */
  add(socket: WebSocket, filter: StreamFilter, owner: StreamOwner): Subscription {
    const halls = filter.halls === null ? '*' : [...filter.halls].sort().join(',');
    const key = `${halls}|${filter.types === null ? '*' : 'display'}`;
    const subscriber: Subscriber = { socket, filter, key, owner, live: false, lastWaiting: null };
    this.#subscribers.add(subscriber);
    return {
      goLive: () => {
        subscriber.live = true;
      },
      sendWaiting: (waiting) => {
        subscriber.lastWaiting = JSON.stringify({ type: 'waiting', waiting } satisfies StreamMessage);
        socket.send(subscriber.lastWaiting);
      },
      remove: () => this.#subscribers.delete(subscriber),
    };
  }

  /**
   * Drops a stream that stopped reading. No close frame: a client that does not read would not
   * get it, and the socket's buffers would stay until the close handshake timed out. The
   * client sees the connection end, reconnects and resumes from the last event it read.
   */
  dropTooSlow(socket: WebSocket): void {
    this.droppedTooSlow++;
    socket.terminate();
  }

  /** How many streams a principal (`StreamOwner.principal`) holds open. */
  countOf(principal: string): number {
    let n = 0;
    for (const s of this.#subscribers) if (s.owner.principal === principal) n++;
    return n;
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
      if (message === null || !s.live || s.socket.readyState !== s.socket.OPEN) continue;
      if (tooSlow(s.socket)) {
        this.#subscribers.delete(s);
        this.dropTooSlow(s.socket);
        continue;
      }
      s.socket.send(message);
    }
  }

  /**
   * Tickets waiting in each stream's halls, to the streams whose count changed since the last
   * call: `waitingIn` is asked once per distinct set of halls.
   */
  publishWaiting(waitingIn: (halls: HallFilter) => HallWaiting): void {
    const messages = new Map<string, string>();
    for (const s of this.#subscribers) {
      if (!s.live || s.socket.readyState !== s.socket.OPEN || tooSlow(s.socket)) continue;
      let message = messages.get(s.key);
      if (message === undefined) {
        message = JSON.stringify({
          type: 'waiting',
          waiting: waitingIn(s.filter.halls),
        } satisfies StreamMessage);
        messages.set(s.key, message);
      }
      if (s.lastWaiting === message) continue;
      s.lastWaiting = message;
      s.socket.send(message);
    }
  }

  /** The event log's head, to every stream (see `AuditTrail`). */
  publishHead(head: AuditHead): void {
    const message = JSON.stringify({ type: 'head', head } satisfies StreamMessage);
    for (const s of this.#subscribers) {
      if (!s.live || s.socket.readyState !== s.socket.OPEN || tooSlow(s.socket)) continue;
      s.socket.send(message);
    }
  }

  /**
   * Closes the streams of a principal whose access ended (a revoked device, a session logged
   * out, a password reset), and only theirs: an `error` message, then a close frame naming
   * `reason`. Returns how many were closed.
   */
  closeWhere(match: (owner: StreamOwner) => boolean, reason: StreamCloseReason, message: string): number {
    const error = JSON.stringify({
      type: 'error',
      error: { code: ReasonCode.Unauthorized, message },
    } satisfies StreamMessage);
    let closed = 0;
    for (const s of this.#subscribers) {
      if (!match(s.owner)) continue;
      this.#subscribers.delete(s);
      closed++;
      if (s.socket.readyState !== s.socket.OPEN) continue;
      s.socket.send(error);
      s.socket.close(ACCESS_ENDED, reason);
    }
    return closed;
  }

  /** At shutdown: a close frame to each, then, for a client that does not answer it, the end. */
  closeAll(): void {
    for (const { socket } of this.#subscribers) {
      socket.close(1001, StreamCloseReason.ShuttingDown);
      setTimeout(() => socket.terminate(), 1000).unref();
    }
    this.#subscribers.clear();
  }
}
