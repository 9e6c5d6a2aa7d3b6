import { AuditHead } from './audit';
import { CenterEvent, HallWaiting, type Snapshot, type StreamHello } from './events';
import { PROTOCOL_VERSION } from './version';

/** The part of a WebSocket the stream uses: the browser's and the `ws` package's both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export interface EventStreamOptions {
  /** e.g. `ws://192.168.1.10:8080/v1/events` */
  readonly url: string;
  readonly token: string;
  readonly connect: WebSocketFactory;
  /** Resume after this sequence number (what the client saw last, kept across restarts). */
  readonly since?: number;
  readonly onEvent: (event: CenterEvent) => void;
  readonly onSnapshot?: (snapshot: Snapshot) => void;
  /** The event log's head, as the server publishes it: keep it to check the log against later. */
  readonly onHead?: (head: AuditHead) => void;
  /** Tickets waiting per hall, when it changed. */
  readonly onWaiting?: (waiting: HallWaiting) => void;
  readonly onStatus?: (status: 'connecting' | 'live' | 'offline', detail?: string) => void;
  readonly reconnectMs?: number;
}

/**
 * A live subscription to the center's events that survives reconnects: it resumes from the
 * last sequence number it delivered, and drops anything at or below it, so no call is missed
 * or shown twice.
 */
export class EventStream {
  #lastSeq: number;
  #socket: WebSocketLike | null = null;
  #closed = false;
  #retry: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: EventStreamOptions) {
    this.#lastSeq = options.since ?? 0;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  start(): void {
    if (this.#closed) return;
    this.options.onStatus?.('connecting');
    const socket = this.options.connect(this.options.url);
    this.#socket = socket;
    socket.onopen = () => {
      const hello: StreamHello = {
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        token: this.options.token,
        since: this.#lastSeq,
      };
      socket.send(JSON.stringify(hello));
    };
    socket.onmessage = (ev) => this.#receive(String(ev.data));
    socket.onerror = () => {};
    socket.onclose = () => {
      this.#socket = null;
      if (this.#closed) return;
      this.options.onStatus?.('offline');
      this.#retry = setTimeout(() => this.start(), this.options.reconnectMs ?? 1000);
    };
  }

  #receive(data: string): void {
    const message = JSON.parse(data) as { type: string } & Record<string, unknown>;
    switch (message.type) {
      case 'welcome':
        this.options.onStatus?.('live');
        break;
      case 'snapshot': {
        const snapshot = message.snapshot as Snapshot;
        this.#lastSeq = snapshot.seq;
        this.options.onSnapshot?.(snapshot);
        break;
      }
      case 'events':
        for (const raw of message.events as unknown[]) {
          const event = CenterEvent.parse(raw) as CenterEvent;
          if (event.seq <= this.#lastSeq) continue;
          this.#lastSeq = event.seq;
          this.options.onEvent(event);
        }
        break;
      case 'head':
        this.options.onHead?.(AuditHead.parse(message.head));
        break;
      case 'waiting':
        this.options.onWaiting?.(HallWaiting.parse(message.waiting));
        break;
      case 'error':
        this.options.onStatus?.('offline', (message.error as { message: string }).message);
        break;
    }
  }

  close(): void {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    this.#socket?.close();
  }
}
