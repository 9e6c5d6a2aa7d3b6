import { z } from 'zod';
import type { AuditHead } from './audit';
import { DeviceRole } from './auth';
import { CalendarDate, Id, Instant, Language, PriorityClass, PriorityReason } from './common';
import { CounterView, TransferTarget } from './counters';
import { NumberLeaseView } from './tickets';

const hall = { hallId: Id.nullable() };
/** A counter is always in a hall. */
const atCounter = { counterId: Id, counterNumber: z.number().int(), hallId: Id };
const ticketAtCounter = {
  ticketId: z.string(),
  number: z.string(),
  /** The service it was called for (a transfer moves it on afterwards). */
  serviceId: Id,
  ...atCounter,
};
/**
 * A call as screens announce it: also in the language the citizen chose at the kiosk
 * (from event version 3; calls written earlier have none, and are announced without it).
 */
const spokenCall = { ...ticketAtCounter, language: Language.optional() };

/**
 * What happened at the center, in the current `EVENT_VERSION`. The same shapes are the event
 * log's rows and what displays receive: each carries enough to replay it, and the hall it
 * concerns (null: center-wide). Changing a shape means a new version and an upcaster (below):
 * the log is permanent, and every earlier day must still replay.
 */
export const EventBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ticket.issued'),
    ...hall,
    ticket: z.object({
      id: z.string(),
      number: z.string(),
      prefix: z.string(),
      seq: z.number().int(),
      day: CalendarDate,
      serviceId: Id,
      language: Language,
      priority: PriorityClass,
      priorityReason: PriorityReason.nullable(),
      appointmentAt: Instant.nullable(),
      issuedAt: Instant,
      kioskId: z.string().nullable(),
      offline: z.boolean(),
    }),
  }),
  z.object({
    type: z.literal('ticket.called'),
    ...spokenCall,
    reason: z.string(),
    privileged: z.boolean(),
    outOfOrder: z.boolean(),
    staffId: z.string().nullable(),
  }),
  z.object({ type: z.literal('ticket.recalled'), ...spokenCall }),
  z.object({ type: z.literal('ticket.started'), ...ticketAtCounter }),
  z.object({ type: z.literal('ticket.finished'), ...ticketAtCounter }),
  z.object({ type: z.literal('ticket.no-show'), ...ticketAtCounter }),
  z.object({
    type: z.literal('ticket.transferred'),
    ...ticketAtCounter,
    to: TransferTarget,
    keepWaitingTime: z.boolean(),
  }),
  z.object({ type: z.literal('ticket.cancelled'), ...hall, ticketId: z.string(), number: z.string() }),
  z.object({
    type: z.enum(['counter.opened', 'counter.paused', 'counter.closed']),
    ...atCounter,
    staffId: z.string().nullable(),
  }),
  z.object({
    type: z.literal('counter.taken-over'),
    ...atCounter,
    /** Who works the counter from now on. */
    staffId: z.string(),
    /** Who held it until now. */
    fromStaffId: z.string(),
    /** The supervisor who took it over. */
    byStaffId: z.string(),
    /** The ticket in hand, which changes hands with the counter. */
    ticketId: z.string().nullable(),
  }),
  z.object({ type: z.literal('lease.granted'), ...hall, lease: NumberLeaseView }),
  z.object({
    type: z.enum([
      'appointment.booked',
      'appointment.checked-in',
      'appointment.released',
      'appointment.cancelled',
    ]),
    ...hall,
    appointmentId: z.string(),
    serviceId: Id,
    slotAt: Instant,
    ticketId: z.string().nullable(),
  }),
  z.object({ type: z.literal('config.changed'), ...hall, centerId: z.string() }),
  z.object({
    type: z.enum(['device.paired', 'device.revoked']),
    ...hall,
    deviceId: z.string(),
    role: DeviceRole,
    name: z.string(),
  }),
]);
export type EventBody = z.infer<typeof EventBody>;
export type EventType = EventBody['type'];

export const CenterEvent = z.intersection(
  z.object({ seq: z.number().int().positive(), at: Instant }),
  EventBody,
);
export type CenterEvent = EventBody & { seq: number; at: number };

/** The schema version of the events this code writes; older rows are upcast when read. */
export const EVENT_VERSION = 3;

/** An event row as the log keeps it (the store's `StoredEvent` is one). */
export interface StoredEventRow {
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  /** The version `payload` was written in. */
  readonly version: number;
  /** JSON text. */
  readonly payload: string;
}

/** A stored event that cannot be read as a `CenterEvent`: the log is damaged, or the code wrong. */
export class EventDecodeError extends Error {
  override name = 'EventDecodeError';
  constructor(
    readonly seq: number,
    detail: string,
  ) {
    super(`event ${seq}: ${detail}`);
  }
}

/** A stored event written by newer code than this: refused, never misread. */
export class EventVersionTooNewError extends EventDecodeError {
  override name = 'EventVersionTooNewError';
  constructor(
    seq: number,
    readonly version: number,
  ) {
    super(
      seq,
      `written in event version ${version}, newer than this program knows (${EVENT_VERSION}): update the program`,
    );
  }
}

const JsonObject = z.record(z.string(), z.unknown());
type Payload = { readonly [key: string]: unknown };

/**
 * Version 2: a transfer names where the ticket goes as `to: { serviceId } | { counterId }`, the
 * shape of the counter command, instead of a pair of ids of which one was null. (Device roles
 * are checked against `DeviceRole` from version 2; version-1 rows already hold valid ones.)
 */
function v1ToV2(p: Payload): Payload {
  if (p.type !== 'ticket.transferred') return p;
  const { toServiceId, toCounterId, ...rest } = p;
  return { ...rest, to: toServiceId ? { serviceId: toServiceId } : { counterId: toCounterId } };
}

/**
 * Version 3: calls and recalls may carry the citizen's `language` (optional, so a version-2
 * payload is already a valid version-3 one).
 */
const v2ToV3 = (p: Payload): Payload => p;

/** `UPCASTERS[v]` turns a version-`v` payload into version `v + 1`. */
const UPCASTERS: { readonly [version: number]: (p: Payload) => Payload } = { 1: v1ToV2, 2: v2ToV3 };

/**
 * Reads a stored event: parses its JSON payload, upcasts it from the version it was written in
 * to `EVENT_VERSION`, and checks it against `EventBody`. Throws `EventVersionTooNewError` for
 * a row from newer code, `EventDecodeError` for one that does not parse.
 */
export function decodeStoredEvent(row: StoredEventRow): CenterEvent {
  if (!Number.isInteger(row.version) || row.version < 1)
    throw new EventDecodeError(row.seq, `invalid event version ${row.version}`);
  if (row.version > EVENT_VERSION) throw new EventVersionTooNewError(row.seq, row.version);
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch (e) {
    throw new EventDecodeError(row.seq, `payload is not JSON (${(e as Error).message})`);
  }
  const object = JsonObject.safeParse(payload);
  if (!object.success) throw new EventDecodeError(row.seq, 'payload is not an object');
  let upcast: Payload = object.data;
  for (let v = row.version; v < EVENT_VERSION; v++) {
    const up = UPCASTERS[v];
    if (!up) throw new EventDecodeError(row.seq, `no upcaster from event version ${v}`);
    upcast = up(upcast);
  }
  const parsed = EventBody.safeParse(upcast);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new EventDecodeError(
      row.seq,
      `${row.type} (version ${row.version}) does not match the event schema: ${where}${issue?.message ?? 'invalid'}`,
    );
  }
  return { ...parsed.data, seq: row.seq, at: row.at };
}

/** How many tickets wait in each hall (for the services served there). */
export const HallWaiting = z.array(z.object({ hallId: Id, count: z.number().int().nonnegative() }));
export type HallWaiting = z.infer<typeof HallWaiting>;

/** The state a display needs to start from when it missed too much to replay. */
export const Snapshot = z.object({
  seq: z.number().int().nonnegative(),
  counters: z.array(CounterView),
  /** The latest calls, newest first. */
  recentCalls: z.array(
    z.object({
      ticketId: z.string(),
      number: z.string(),
      counterId: Id,
      counterNumber: z.number().int(),
      hallId: Id,
      at: Instant,
      language: Language.optional(),
    }),
  ),
  waiting: HallWaiting,
});
export type Snapshot = z.infer<typeof Snapshot>;

/** Client → server on the event stream. The token travels here because browsers cannot set
 * headers on a WebSocket. */
export const StreamHello = z.object({
  type: z.literal('hello'),
  protocol: z.number().int(),
  token: z.string().min(1).max(200),
  /** The last sequence number this client saw; 0 or absent for a fresh start. */
  since: z.number().int().nonnegative().optional(),
});
export type StreamHello = z.infer<typeof StreamHello>;

/**
 * Server → client on the event stream. `head` is the event log's head (`AuditHead`), sent after
 * the welcome and then every so often: a client that keeps it can later show that the log
 * still holds it. `waiting` counts the tickets waiting in the stream's halls, sent after the
 * welcome and then whenever it changed (at most every few seconds: issued tickets are not
 * streamed to screens).
 */
export type StreamMessage =
  | { type: 'welcome'; protocol: number; seq: number }
  | { type: 'events'; events: CenterEvent[] }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'head'; head: AuditHead }
  | { type: 'waiting'; waiting: HallWaiting }
  | { type: 'error'; error: { code: string; message: string } };

/**
 * Why the server closed an event stream: the WebSocket close frame's reason (after an `error`
 * message where the client can still read one).
 */
export const StreamCloseReason = {
  /** The device's token was revoked. */
  DeviceRevoked: 'device-revoked',
  /** The staff session ended (logout). */
  LoggedOut: 'logged-out',
  /** The staff member's password was reset: every session of theirs ended. */
  PasswordReset: 'password-reset',
  /** The client read too slowly (unsent data past the limit): reconnect and resume. */
  TooSlow: 'too-slow',
  /** The principal already has as many open streams as allowed. */
  TooManyStreams: 'too-many-streams',
  ShuttingDown: 'shutting-down',
} as const;
export type StreamCloseReason = (typeof StreamCloseReason)[keyof typeof StreamCloseReason];
