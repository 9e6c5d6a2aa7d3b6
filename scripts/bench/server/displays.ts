/** Hall screens: WebSocket display clients in this process, and when each call reached them. */
import { PROTOCOL_VERSION, type StreamMessage } from '@novbe/protocol';
import { WebSocket } from 'ws';
import { pool } from './http';

/** The halls a display shows; null: all of them (no filter). */
export type Halls = readonly string[] | null;

/** 40 % all halls (no filter), 30 % both halls listed, 15 % hall 1 only, 15 % hall 2 only. */
export function hallsOfDisplay(i: number): Halls {
  const k = i % 20;
  if (k < 8) return null;
  if (k < 14) return ['hall-1', 'hall-2'];
  return k < 17 ? ['hall-1'] : ['hall-2'];
}

const shows = (halls: Halls, hallId: string | null) =>
  halls === null || (hallId !== null && halls.includes(hallId));

/** When a call reached the first and the last display that show its hall, and how many. */
export interface Arrival {
  count: number;
  first: number;
  last: number;
}

/** Display clients: the hello of the event stream, then JSON.parse per message. */
export class DisplayFleet {
  readonly sockets: WebSocket[] = [];
  /** ticket id of each `ticket.called` → when it reached the first and the last display. */
  readonly calls = new Map<string, Arrival>();
  delivered = 0;
  misrouted = 0;
  closedEarly = 0;
  #closing = false;

  constructor(
    readonly wsUrl: string,
    readonly halls: readonly Halls[],
  ) {}

  /** How many displays should receive an event of this hall. */
  expected(hallId: string | null): number {
    return this.halls.filter((h) => shows(h, hallId)).length;
  }

  /** How many displays show all halls, both listed, hall 1 only, hall 2 only. */
  mix() {
    const count = (test: (h: Halls) => boolean) => this.halls.filter(test).length;
    return {
      all: count((h) => h === null),
      both: count((h) => h?.length === 2),
      hall1: count((h) => h?.length === 1 && h[0] === 'hall-1'),
      hall2: count((h) => h?.length === 1 && h[0] === 'hall-2'),
    };
  }

  async connect(tokens: readonly string[]): Promise<void> {
    await pool(tokens, 50, (token, i) => this.#connectOne(token, this.halls[i]!));
  }

  #connectOne(token: string, halls: Halls): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.wsUrl);
      this.sockets.push(ws);
      const timer = setTimeout(() => reject(new Error('a display got no snapshot within 10 s')), 10_000);
      ws.on('open', () =>
        ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token, since: 0 })),
      );
      ws.on('error', reject);
      ws.on('close', () => {
        if (!this.#closing) this.closedEarly++;
      });
      ws.on('message', (data) => {
        const now = performance.now();
        const m = JSON.parse(String(data)) as StreamMessage;
        if (m.type === 'snapshot') {
          clearTimeout(timer);
          resolve();
        } else if (m.type === 'error') {
          reject(new Error(`display refused: ${m.error.message}`));
        } else if (m.type === 'events') {
          for (const e of m.events) {
            this.delivered++;
            if (!shows(halls, e.hallId)) this.misrouted++;
            if (e.type !== 'ticket.called') continue;
            const a = this.calls.get(e.ticketId);
            if (a) {
              a.count++;
              a.last = now;
            } else this.calls.set(e.ticketId, { count: 1, first: now, last: now });
          }
        }
      });
    });
  }

  close(): void {
    this.#closing = true;
    for (const ws of this.sockets) ws.terminate();
  }
}
