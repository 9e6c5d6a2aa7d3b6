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
import { REPLAY_PAGE, ReplayPages } from './replay-pages';
import { admit } from './route';

/** How far back a reconnecting client may resume by replay; older gets a snapshot. */
const MAX_REPLAY = 20_000;
/** A stream must say hello within this long. */
const HELLO_MS = 5000;
/** How often streams hear the count of waiting tickets, when it changed. */
const WAITING_MS = 2000;

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
  const pages = new ReplayPages(
    (after, limit) => service.eventsAfter(after, limit),
    MAX_REPLAY / REPLAY_PAGE + 1,
  );
  // The last event told to listeners, so on the disk and sent to every live stream: a replay
  // goes up to it and then goes live in the same turn, so nothing slips through or comes twice.
  let toldSeq = service.lastSeq();
  service.onEvents((events) => {
    toldSeq = events.at(-1)?.seq ?? toldSeq;
  });
  // Screens do not hear of issued tickets, so they learn how many wait from this tick.
  const waitingTick = setInterval(() => hub.publishWaiting((halls) => service.waiting(halls)), WAITING_MS);
  waitingTick.unref();
  app.addHook('onClose', async () => clearInterval(waitingTick));

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
          const upTo = toldSeq;
          while (after < upTo && !tooSlow(socket)) {
            const page = pages.next(after, upTo);
            const tail = page.at(-1);
            // Nothing more in the log (it lost events behind the server's back): go live.
            after = tail?.seq ?? upTo;
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
          if (socket.readyState !== socket.OPEN) return;
        }
      } else {
        send({ type: 'snapshot', snapshot: service.snapshot(filter.halls) });
      }
      subscription.goLive();
      send({ type: 'head', head: audit.head() });
      subscription.sendWaiting(service.waiting(filter.halls));
      req.log.debug({ principal: p.id, since }, 'event stream open');
    });
  });
};
