import {
  EVENT_STREAM,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  ReasonCode,
  StreamCloseReason,
  StreamHello,
  type StreamMessage,
} from '@novbe/protocol';
import type { WebSocket } from 'ws';
import type { RoutePlugin } from '../context';
import { HttpError } from '../errors';
import {
  DISPLAY_EVENT_TYPES,
  drained,
  tooSlow,
  visibleTo,
  type StreamFilter,
  type StreamOwner,
} from '../event-hub';
import type { Principal } from '../principal';
import { hallsOf } from './halls';
import { admit } from './route';

/** How far back a reconnecting client may resume by replay; older gets a snapshot. */
const MAX_REPLAY = 20_000;
/** A stream must say hello within this long. */
const HELLO_MS = 5000;
/** Events read from the log per replayed message: small enough to stop soon past the send limit. */
const REPLAY_PAGE = 500;

const ownerOf = (p: Principal): StreamOwner =>
  p.kind === 'device'
    ? { principal: `device:${p.id}`, session: null }
    : { principal: `staff:${p.id}`, session: p.session };

/**
 * The live event stream. The first message is a `hello` with the token (browsers cannot set
 * headers on a WebSocket), the protocol version and the last sequence number seen; the
 * server replays what was missed today, or sends a snapshot, then goes live.
 */
export const eventRoutes: RoutePlugin = async (app, { ctx }) => {
  const { service, auth, hub, clock, audit, config } = ctx;

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
      // Start where listeners are: every committed event told, none pending. The token is
      // resolved after this wait, so a revocation during it is not missed.
      await service.published();
      if (socket.readyState !== socket.OPEN) return;
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
      const owner = ownerOf(p);
      if (hub.countOf(owner.principal) >= config.streamsPerPrincipal) {
        send({
          type: 'error',
          error: {
            code: ReasonCode.TooManyRequests,
            message: `at most ${config.streamsPerPrincipal} open event streams per device or staff member`,
          },
        });
        return socket.close(1008, StreamCloseReason.TooManyStreams);
      }
      const subscription = hub.add(socket, filter, owner);
      unsubscribe = subscription.remove;
      const last = service.lastSeq();
      send({ type: 'welcome', protocol: PROTOCOL_VERSION, seq: last });
      const since = hello.since ?? 0;
      // Replay what was missed today; a client further behind (or new) starts from a snapshot.
      if (since > 0 && since <= last && since >= service.dayFirstSeq() - 1 && last - since <= MAX_REPLAY) {
        // Under the same send limit as live events: past it, the replay waits for the client
        // to read, and drops one that stopped reading (it resumes from what it read).
        for (let after = since; ;) {
          // Every committed event is told here (`published` was awaited last): replay up to
          // the last one and, once there, go live with no await in between.
          const upTo = service.lastSeq();
          while (after < upTo && !tooSlow(socket)) {
            const page = service.eventsAfter(after, Math.min(REPLAY_PAGE, upTo - after));
            const tail = page.at(-1);
            if (!tail) break;
            after = tail.seq;
            const visible = page.filter((e) => visibleTo(filter, e));
            if (visible.length) send({ type: 'events', events: visible });
          }
          if (after >= upTo) break;
          if (!(await drained(socket))) {
            subscription.remove();
            if (socket.readyState !== socket.OPEN) return;
            req.log.debug(
              { principal: p.id, since, after },
              'event stream dropped in its replay: not reading',
            );
            return hub.dropTooSlow(socket);
          }
          await service.published();
          if (socket.readyState !== socket.OPEN) return;
        }
      } else {
        send({ type: 'snapshot', snapshot: service.snapshot(filter.halls) });
      }
      subscription.goLive();
      send({ type: 'head', head: audit.head() });
      req.log.debug({ principal: p.id, since }, 'event stream open');
    });
  });
};
