import { Center } from '@novbe/core';
import { z } from 'zod';
import {
  AppointmentList,
  AppointmentLookup,
  AppointmentView,
  BookAppointment,
  FreeSlots,
  SlotsQuery,
} from './appointments';
import {
  ChainCheck,
  DeviceHeartbeat,
  DeviceView,
  HeartbeatAck,
  LoggedIn,
  LoginRequest,
  PairingCode,
  PairingCodeRequest,
  Paired,
  PairRequest,
  SetPassword,
  StaffSummary,
} from './auth';
import { IdParams, Ok } from './common';
import { CounterCommand, CounterCommandResult, CounterView, TakeOverRequest } from './counters';
import { Snapshot } from './events';
import { DEVICE_ROLES, route, STAFF_ROLES } from './route';
import { Statistics, StatisticsCsvParams, StatisticsQuery } from './statistics';
import {
  CancelResult,
  EstimateQuery,
  IssuedTicket,
  IssueRequest,
  LeaseRequest,
  LeaseResponse,
  ServiceEstimate,
  SyncRequest,
  SyncResult,
  TicketParams,
  TicketView,
} from './tickets';

export const Health = z.object({
  /** `degraded`: the server runs, but kept events of its log aside (see `quarantinedEvents`). */
  status: z.enum(['ok', 'degraded']),
  protocol: z.number().int(),
  seq: z.number().int().nonnegative(),
  /**
   * Events of the log kept aside since the server started: unreadable, or not fitting their day
   * (absent from servers older than this field).
   */
  quarantined: z.number().int().nonnegative().optional(),
});
export type Health = z.infer<typeof Health>;

/**
 * An event of the log the server kept aside: a row that does not decode, or an event that does
 * not fit the day it was replayed into. It stays in the log (append-only); the center runs on
 * the rest.
 */
export const QuarantinedEvent = z.object({
  seq: z.number().int().positive(),
  type: z.string(),
  at: z.number().int(),
  reason: z.string(),
});
export type QuarantinedEvent = z.infer<typeof QuarantinedEvent>;

const EVERYONE = [...DEVICE_ROLES, ...STAFF_ROLES] as const;
const SUPERVISION = ['supervisor', 'admin'] as const;
/** Who watches calls: hall screens, counter boards and staff. */
const WATCHERS = ['display', 'counter-board', ...STAFF_ROLES] as const;

/**
 * The center server's HTTP API, one entry per route. The server registers its routes from
 * this table (validating requests and answers with these schemas, admitting only `allow`),
 * and `createCenterClient` derives one method per entry, named by its key.
 */
export const contract = {
  // ── Health ────────────────────────────────────────────────────────────────
  health: route({
    method: 'GET',
    path: '/health',
    summary: 'Whether the server runs, its protocol version and last event',
    allow: 'public',
    reply: Health,
  }),
  metrics: route({
    method: 'GET',
    path: '/metrics',
    summary: 'Prometheus metrics',
    allow: 'public',
    reply: z.string(),
    produces: 'text/plain; version=0.0.4; charset=utf-8',
  }),

  // ── Staff ─────────────────────────────────────────────────────────────────
  login: route({
    method: 'POST',
    path: '/v1/login',
    summary: 'A staff member logs in with a password and gets a session token',
    allow: 'public',
    body: LoginRequest,
    reply: LoggedIn,
  }),
  logout: route({
    method: 'POST',
    path: '/v1/logout',
    summary: 'Ends the session whose token comes with the request',
    allow: STAFF_ROLES,
    reply: Ok,
  }),
  listStaff: route({
    method: 'GET',
    path: '/v1/staff',
    summary: "The center's staff",
    allow: SUPERVISION,
    reply: z.array(StaffSummary),
  }),
  setStaffPassword: route({
    method: 'POST',
    path: '/v1/staff/:id/password',
    summary: "Sets a staff member's password and ends their sessions",
    allow: ['admin'],
    params: IdParams,
    body: SetPassword,
    reply: Ok,
  }),

  // ── Devices ───────────────────────────────────────────────────────────────
  createPairingCode: route({
    method: 'POST',
    path: '/v1/pairing-codes',
    summary: 'A one-time code that pairs one device for a role',
    allow: ['admin'],
    body: PairingCodeRequest,
    reply: PairingCode,
  }),
  pair: route({
    method: 'POST',
    path: '/v1/pair',
    summary: 'A device trades a pairing code for its own token',
    allow: 'public',
    body: PairRequest,
    reply: Paired,
  }),
  heartbeat: route({
    method: 'POST',
    path: '/v1/devices/heartbeat',
    summary: 'A device reports its state',
    allow: DEVICE_ROLES,
    body: DeviceHeartbeat,
    reply: HeartbeatAck,
  }),
  listDevices: route({
    method: 'GET',
    path: '/v1/devices',
    summary: 'Paired devices with their last heartbeat',
    allow: ['admin'],
    reply: z.array(DeviceView),
  }),
  revokeDevice: route({
    method: 'POST',
    path: '/v1/devices/:id/revoke',
    summary: "Revokes a device's token",
    allow: ['admin'],
    params: IdParams,
    reply: Ok,
  }),

  // ── Configuration ─────────────────────────────────────────────────────────
  center: route({
    method: 'GET',
    path: '/v1/center',
    summary: "The center's configuration (its staff only for supervisors and admins)",
    allow: EVERYONE,
    reply: Center,
  }),
  setCenter: route({
    method: 'PUT',
    path: '/v1/center',
    summary: 'Puts a new configuration in force, if today’s tickets still fit it',
    allow: ['admin'],
    body: Center,
    reply: Center,
  }),

  // ── Tickets ───────────────────────────────────────────────────────────────
  issueTicket: route({
    method: 'POST',
    path: '/v1/tickets',
    summary: 'A kiosk issues a ticket online (idempotent by its id)',
    allow: ['kiosk'],
    body: IssueRequest,
    reply: IssuedTicket,
  }),
  syncTickets: route({
    method: 'POST',
    path: '/v1/tickets/sync',
    summary: "A kiosk's offline outbox, taken exactly once",
    allow: ['kiosk'],
    body: SyncRequest,
    reply: SyncResult,
  }),
  leaseNumbers: route({
    method: 'POST',
    path: '/v1/leases',
    summary: 'Blocks of numbers a kiosk issues from while offline',
    allow: ['kiosk'],
    body: LeaseRequest,
    reply: LeaseResponse,
  }),
  ticket: route({
    method: 'GET',
    path: '/v1/tickets/:id',
    summary: 'One ticket',
    allow: ['kiosk', ...STAFF_ROLES],
    params: TicketParams,
    reply: TicketView,
  }),
  cancelTicket: route({
    method: 'POST',
    path: '/v1/tickets/:id/cancel',
    summary: 'Cancels a ticket; an id never seen is remembered so it cannot arrive later',
    allow: ['kiosk', ...SUPERVISION],
    params: TicketParams,
    reply: CancelResult,
  }),
  serviceEstimate: route({
    method: 'GET',
    path: '/v1/services/:id/estimate',
    summary: 'People waiting for a service and the wait of a new ticket',
    allow: ['kiosk', ...STAFF_ROLES],
    params: IdParams,
    query: EstimateQuery,
    reply: ServiceEstimate,
  }),

  // ── Appointments ──────────────────────────────────────────────────────────
  bookAppointment: route({
    method: 'POST',
    path: '/v1/appointments',
    summary: 'Books a slot for a citizen',
    allow: ['booking', ...SUPERVISION],
    body: BookAppointment,
    reply: AppointmentView,
  }),
  freeSlots: route({
    method: 'GET',
    path: '/v1/appointments/slots',
    summary: "A service's slots on a date, with the places left",
    allow: ['booking', 'kiosk', ...STAFF_ROLES],
    query: SlotsQuery,
    reply: FreeSlots,
  }),
  findAppointments: route({
    method: 'POST',
    path: '/v1/appointments/lookup',
    summary: "Today's appointments of the citizen whose ID card the kiosk read",
    allow: ['kiosk'],
    body: AppointmentLookup,
    reply: AppointmentList,
  }),

  // ── Counters ──────────────────────────────────────────────────────────────
  counterCommand: route({
    method: 'POST',
    path: '/v1/counters/:id/commands',
    summary: 'Open, call next, recall, serve, transfer, pause or close at a counter',
    allow: ['counter-board', 'operator'],
    params: IdParams,
    body: CounterCommand,
    reply: CounterCommandResult,
  }),
  takeOverCounter: route({
    method: 'POST',
    path: '/v1/counters/:id/take-over',
    summary: 'A supervisor takes over a counter another staff member holds, for themselves or an operator',
    allow: ['supervisor'],
    params: IdParams,
    body: TakeOverRequest,
    reply: CounterView,
  }),
  counters: route({
    method: 'GET',
    path: '/v1/counters',
    summary: 'The counters (a device sees those of its halls)',
    allow: WATCHERS,
    reply: z.array(CounterView),
  }),
  snapshot: route({
    method: 'GET',
    path: '/v1/snapshot',
    summary: 'Counters and the latest calls, for a screen starting afresh',
    allow: WATCHERS,
    reply: Snapshot,
  }),

  // ── Statistics and audit ──────────────────────────────────────────────────
  statistics: route({
    method: 'GET',
    path: '/v1/statistics',
    summary: 'Waits, handling and utilisation for a day or a range, from the event log',
    allow: SUPERVISION,
    query: StatisticsQuery,
    reply: Statistics,
  }),
  statisticsCsv: route({
    method: 'GET',
    path: '/v1/statistics/:table.csv',
    summary: 'One table of the statistics as CSV',
    allow: SUPERVISION,
    params: StatisticsCsvParams,
    query: StatisticsQuery,
    reply: z.string(),
    produces: 'text/csv; charset=utf-8',
  }),
  verifyAudit: route({
    method: 'GET',
    path: '/v1/audit/verify',
    summary:
      'Checks the audit trail: chain and MACs, the published head, triggers, each ticket’s issue event',
    allow: SUPERVISION,
    reply: ChainCheck,
  }),
  quarantinedEvents: route({
    method: 'GET',
    path: '/v1/audit/quarantine',
    summary: 'Events of the log kept aside since start (unreadable, or not fitting their day), with why',
    allow: SUPERVISION,
    reply: z.object({ events: z.array(QuarantinedEvent) }),
  }),
} as const;

export type Contract = typeof contract;
export type RouteName = keyof Contract;

/** The live event stream (WebSocket): a `hello` first, then events; see `StreamHello`. */
export const EVENT_STREAM = { path: '/v1/events', allow: WATCHERS } as const;

/** The event stream's address on the center server at `serverUrl` (`http://…` → `ws://…/v1/events`). */
export const eventStreamUrl = (serverUrl: string): string =>
  `${serverUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}${EVENT_STREAM.path}`;
