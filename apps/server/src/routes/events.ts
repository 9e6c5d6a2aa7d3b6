import {
  EVENT_STREAM,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  ReasonCode,
  StreamHello,
  type StreamMessage,
} from '@novbe/protocol';
import type { WebSocket } from 'ws';
import type { RoutePlugin } from '../context';
import { HttpError } from '../errors';
import { DISPLAY_EVENT_TYPES, visibleTo, type StreamFilter } from '../event-hub';
import { hallsOf } from './halls';
import { admit } from './route';

/** How far back a reconnecting client may resume by replay; older gets a snapshot. */
const MAX_REPLAY = 20_000;
/** A stream must say hello within this long. */
const HELLO_MS = 5000;

/**
 * The live event stream. The first message is a `hello` with the token (browsers cannot set
 * headers on a WebSocket), the protocol version and the last sequence number seen; the
 * server replays what was missed today, or sends a snapshot, then goes live.
 */
export const eventRoutes: RoutePlugin = async (app, { ctx }) => {
  const { service, auth, hub, clock } = ctx;

  app.get(EVENT_STREAM.path, { websocket: true }, (socket: WebSocket, req) => {
    const send = (m: StreamMessage) => socket.send(JSON.stringify(m));
    const fail = (code: string, message: string) => {
      send({ type: 'error', error: { code, message } });
      socket.close(1008, code);
    };
    const timer = setTimeout(() => fail(ReasonCode.Unauthorized, 'no hello within 5 s'), HELLO_MS);
    let unsubscribe: (() => void) | null = null;
    socket.on('close', () => {
      clearTimeout(timer);
      unsubscribe?.();
    });
    socket.once('message', async (data) => {
      clearTimeout(timer);
      let hello: StreamHello;
      try {
        hello = StreamHello.parse(JSON.parse(String(data)));
      } catch {
        return fail(ReasonCode.BadRequest, 'the first message must be a hello');
      }
      if (hello.protocol < MIN_PROTOCOL_VERSION)
        return fail(ReasonCode.ClientTooOld, `protocol ${hello.protocol} is too old`);
      if (hello.protocol > PROTOCOL_VERSION)
        return fail(ReasonCode.ClientTooNew, `protocol ${hello.protocol} is too new`);
      const p = auth.resolve(hello.token, clock());
      if (!p) return fail(ReasonCode.Unauthorized, 'unknown or revoked token');
      let filter: StreamFilter;
      try {
        const watcher = admit(EVENT_STREAM.allow, p);
        filter = {
          halls: hallsOf(service, watcher),
          types: watcher.kind === 'staff' ? null : DISPLAY_EVENT_TYPES,
        };
      } catch (e) {
        return fail(e instanceof HttpError ? e.code : ReasonCode.Forbidden, (e as Error).message);
      }
      // Start where listeners are: every committed event told, none pending.
      await service.published();
      if (socket.readyState !== socket.OPEN) return;
      const last = service.lastSeq();
      send({ type: 'welcome', protocol: PROTOCOL_VERSION, seq: last });
      const since = hello.since ?? 0;
      // Replay what was missed today; a client further behind (or new) starts from a snapshot.
      if (since > 0 && since <= last && since >= service.dayFirstSeq() - 1 && last - since <= MAX_REPLAY) {
        // Everything after `since`, then live: no await in between, so nothing slips through.
        for (let after = since; after < last;) {
          const page = service.eventsAfter(after, 2000);
          const tail = page.at(-1);
          if (!tail) break;
          after = tail.seq;
          const visible = page.filter((e) => visibleTo(filter, e));
          if (visible.length) send({ type: 'events', events: visible });
        }
      } else {
        send({ type: 'snapshot', snapshot: service.snapshot(filter.halls) });
      }
      unsubscribe = hub.add(socket, filter);
      req.log.debug({ principal: p.id, since }, 'event stream open');
    });
  });
};
