import websocket from '@fastify/websocket';
import { CenterIndex, centerDay, centerInstant, parseCenter, type Center } from '@novbe/core';
import { exampleCenter } from '@novbe/core/fixtures';
import {
  Ulid,
  AppointmentLookup,
  DeviceHeartbeat,
  BookAppointment,
  CounterCommand,
  IssueRequest,
  LeaseRequest,
  LoginRequest,
  MIN_PROTOCOL_VERSION,
  PairingCodeRequest,
  PairRequest,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  ReasonCode,
  StreamHello,
  SyncRequest,
  type StreamMessage,
} from '@novbe/protocol';
import { Checkpointer, GroupSync, migrate, openDatabase, type Db, type SyncFailedError } from '@novbe/store';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import {
  Authenticator,
  hashPassword,
  newPairingCode,
  newToken,
  pairingCodeHash,
  tokenHash,
  verifyPassword,
  type Principal,
} from './auth';
import { AppointmentBook } from './appointments';
import { CenterService } from './center/center-service';
import type { Clock } from './center/errors';
import type { ServerConfig } from './config';
import { HttpError, toErrorResponse } from './errors';
import { DISPLAY_EVENT_TYPES, EventHub, visibleTo, type HallFilter, type StreamFilter } from './event-hub';
import { createMetrics } from './metrics';
import { computeStatistics } from './statistics';
import { statisticsToCsv } from './statistics-csv';
import { MIGRATIONS } from './migrations';

export interface CenterServer {
  readonly app: FastifyInstance;
  readonly service: CenterService;
  readonly db: Db;
  /** Set when this start generated the admin password (shown once). */
  readonly generatedAdminPassword: string | null;
  /**
   * Resolves if the disk ever fails to confirm a write. From then on nothing more is
   * acknowledged; the process should exit so that a restart recovers what the disk holds.
   */
  readonly storageFailure: Promise<SyncFailedError>;
  close(): Promise<void>;
}

/** How far back a reconnecting client may resume by replay; older gets a snapshot. */
const MAX_REPLAY = 20_000;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

function loadCenter(db: Db, config: ServerConfig): Center {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'center'").get() as
    { value: string } | undefined;
  if (row) return parseCenter(JSON.parse(row.value));
  const center = config.centerFile
    ? parseCenter(JSON.parse(readFileSync(config.centerFile, 'utf8')))
    : exampleCenter;
  db.prepare("INSERT INTO settings (key, value) VALUES ('center', ?)").run(JSON.stringify(center));
  return center;
}

/** A secret generated once and kept in the settings table. */
function settingSecret(db: Db, key: string): string {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  if (row) return row.value;
  const value = randomBytes(32).toString('base64url');
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value);
  return value;
}

/** Sets the admin password on first start: from the configuration, or generated and returned. */
async function bootstrapAdmin(
  db: Db,
  center: Center,
  config: ServerConfig,
  now: number,
): Promise<string | null> {
  const admin = center.staff.find((s) => s.roles.includes('admin'));
  if (!admin) return null;
  const has = db.prepare('SELECT 1 FROM staff_credentials WHERE staff_id = ?').get(admin.id);
  if (has) return null;
  const password = config.adminPassword ?? randomBytes(12).toString('base64url');
  db.prepare('INSERT INTO staff_credentials (staff_id, password_hash, updated_at) VALUES (?, ?, ?)').run(
    admin.id,
    await hashPassword(password),
    now,
  );
  return config.adminPassword ? null : password;
}

/** Counts attempts per key in a sliding minute, to slow down guessing of codes and passwords. */
class AttemptLimiter {
  readonly #attempts = new Map<string, number[]>();
  constructor(private readonly perMinute: number) {}
  check(key: string, now: number): void {
    const recent = (this.#attempts.get(key) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.perMinute)
      throw new HttpError(429, ReasonCode.Forbidden, 'too many attempts; wait a minute');
    recent.push(now);
    this.#attempts.set(key, recent);
  }
}

/** Builds the center server: database, migrations, queue replay, HTTP and WebSocket API. */
export async function buildServer(config: ServerConfig, clock: Clock = Date.now): Promise<CenterServer> {
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(join(config.dataDir, 'center.db'), { busyTimeoutMs: config.busyTimeoutMs });
  migrate(db, MIGRATIONS);
  const center = loadCenter(db, config);
  const generatedAdminPassword = await bootstrapAdmin(db, center, config, clock());
  // Commits write the WAL; a group sync puts them on the disk off the event loop, and no answer
  // or event leaves the server before the writes it follows are there.
  const durable = new GroupSync(db);
  const service = new CenterService(db, new CenterIndex(center), clock, durable);
  const appointments = new AppointmentBook(db, service, config.finKey ?? settingSecret(db, 'fin-key'), clock);
  const releaseTimer = setInterval(() => appointments.releaseMissed(), 60_000);
  releaseTimer.unref();
  const auth = new Authenticator(
    db,
    (staffId) => service.center.staff.find((s) => s.id === staffId)?.roles ?? null,
  );
  const hub = new EventHub();
  const metrics = createMetrics(service, hub);
  service.onEvents((events) => {
    metrics.observeEvents(events);
    hub.publish(events);
  });
  const pairLimiter = new AttemptLimiter(20);
  const loginLimiter = new AttemptLimiter(10);

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'body.password', 'body.fin', 'body.token'],
    },
    bodyLimit: config.bodyLimit,
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const checkpointer = new Checkpointer(db, {
    onError: (message) => app.log.warn({ message }, 'WAL checkpoint failed; the next one retries'),
  });
  void durable.failure.then((e) => app.log.fatal({ err: e }, 'the disk did not confirm a write'));

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    const version = req.headers[PROTOCOL_HEADER];
    if (version !== undefined) {
      const v = Number(version);
      if (!(v >= MIN_PROTOCOL_VERSION))
        throw new HttpError(
          426,
          ReasonCode.ClientTooOld,
          `client protocol ${version} is too old: this server speaks ${MIN_PROTOCOL_VERSION}–${PROTOCOL_VERSION}; update the device`,
        );
      if (v > PROTOCOL_VERSION)
        throw new HttpError(
          426,
          ReasonCode.ClientTooNew,
          `client protocol ${version} is newer than this server's ${PROTOCOL_VERSION}; update the server`,
        );
    }
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) req.principal = auth.resolve(header.slice(7), clock());
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    // Nothing is answered before what was written so far is on the disk.
    try {
      await durable.flush();
    } catch (e) {
      const { status, body } = toErrorResponse(e);
      void reply.status(status).header('content-type', 'application/json; charset=utf-8');
      payload = JSON.stringify(body);
    }
    // How long the server itself took (the sync included), so a client can tell it from the network.
    void reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    return payload;
  });
  app.setErrorHandler((error, req, reply) => {
    const { status, body } = toErrorResponse(error);
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    else req.log.info({ code: body.code, msg: body.message }, 'request refused');
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ code: ReasonCode.NotFound, message: `no route ${req.method} ${req.url}` });
  });

  // ── Who may do what ─────────────────────────────────────────────────────
  const principal = (req: FastifyRequest): Principal => {
    if (!req.principal)
      throw new HttpError(401, ReasonCode.Unauthorized, 'a valid device token or staff session is required');
    return req.principal;
  };
  const device = (req: FastifyRequest, role: string) => {
    const p = principal(req);
    if (p.kind !== 'device' || p.role !== role)
      throw new HttpError(403, ReasonCode.Forbidden, `only a ${role} may do this`);
    return p;
  };
  const staff = (req: FastifyRequest, ...roles: string[]) => {
    const p = principal(req);
    if (p.kind !== 'staff' || !roles.some((r) => p.roles.includes(r)))
      throw new HttpError(
        403,
        ReasonCode.Forbidden,
        `only staff with role ${roles.join(' or ')} may do this`,
      );
    return p;
  };
  const hallsOf = (p: Principal): HallFilter => {
    if (p.kind === 'staff') return null;
    if (p.role === 'display') return p.hallIds;
    if (p.role === 'counter-board' && p.counterId) return [service.counter(p.counterId).hallId];
    throw new HttpError(403, ReasonCode.Forbidden, `a ${p.role} does not read events`);
  };

  // ── Health and metrics ──────────────────────────────────────────────────
  app.get('/health', async () => ({
    status: 'ok' as const,
    protocol: PROTOCOL_VERSION,
    seq: service.lastSeq(),
  }));
  app.get('/metrics', async (_req, reply) => {
    void reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  // ── Staff and devices ───────────────────────────────────────────────────
  app.post('/v1/login', async (req) => {
    const body = LoginRequest.parse(req.body);
    const now = clock();
    loginLimiter.check(`${req.ip}:${body.login}`, now);
    const member = service.center.staff.find((s) => s.login === body.login);
    const row = member
      ? (db.prepare('SELECT password_hash FROM staff_credentials WHERE staff_id = ?').get(member.id) as
          { password_hash: string } | undefined)
      : undefined;
    if (!member || !row || !(await verifyPassword(body.password, row.password_hash)))
      throw new HttpError(401, ReasonCode.Unauthorized, 'wrong login or password');
    const token = newToken();
    db.prepare(
      'INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ).run(tokenHash(token), member.id, now, now + config.sessionHours * 3_600_000);
    return { token, staff: { id: member.id, name: member.name, roles: member.roles } };
  });

  app.post('/v1/staff/:id/password', async (req) => {
    staff(req, 'admin');
    const { id } = req.params as { id: string };
    const { password } = z.object({ password: z.string().min(8).max(200) }).parse(req.body);
    if (!service.center.staff.some((s) => s.id === id))
      throw new HttpError(404, ReasonCode.NotFound, `no staff member ${id}`);
    db.prepare(
      'INSERT INTO staff_credentials (staff_id, password_hash, updated_at) VALUES (?, ?, ?) ON CONFLICT (staff_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at',
    ).run(id, await hashPassword(password), clock());
    db.prepare('UPDATE staff_sessions SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL').run(
      clock(),
      id,
    );
    return { ok: true };
  });

  app.get('/v1/staff', async (req) => {
    staff(req, 'admin', 'supervisor');
    return service.center.staff.map(({ id, name, login, agencyId, roles }) => ({
      id,
      name,
      login,
      agencyId,
      roles,
    }));
  });

  app.post('/v1/pairing-codes', async (req) => {
    const admin = staff(req, 'admin');
    const body = PairingCodeRequest.parse(req.body);
    if (body.role === 'counter-board' && !body.counterId)
      throw new HttpError(400, ReasonCode.BadRequest, 'counterId: a counter board needs its counter');
    if (body.counterId && !service.index.counters.has(body.counterId))
      throw new HttpError(400, ReasonCode.BadRequest, `counterId: unknown counter "${body.counterId}"`);
    for (const h of body.hallIds ?? [])
      if (!service.center.halls.some((x) => x.id === h))
        throw new HttpError(400, ReasonCode.BadRequest, `hallIds: unknown hall "${h}"`);
    const code = newPairingCode();
    const expiresAt = clock() + config.pairingCodeMinutes * 60_000;
    db.prepare(
      'INSERT INTO pairing_codes (code_hash, role, name, hall_ids, counter_id, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      pairingCodeHash(code),
      body.role,
      body.name,
      body.hallIds ? JSON.stringify(body.hallIds) : null,
      body.counterId ?? null,
      admin.id,
      expiresAt,
    );
    return { code, expiresAt };
  });

  app.post('/v1/pair', async (req) => {
    const { code } = PairRequest.parse(req.body);
    const now = clock();
    pairLimiter.check(req.ip, now);
    const hash = pairingCodeHash(code);
    const row = db.prepare('SELECT * FROM pairing_codes WHERE code_hash = ?').get(hash) as
      | {
          role: string;
          name: string;
          hall_ids: string | null;
          counter_id: string | null;
          expires_at: number;
          used_at: number | null;
        }
      | undefined;
    if (!row || row.used_at !== null || row.expires_at < now)
      throw new HttpError(401, ReasonCode.Unauthorized, 'unknown, used or expired pairing code');
    const token = newToken();
    const deviceId = randomUUID();
    const kioskNumber =
      row.role === 'kiosk'
        ? ((
            db.prepare("SELECT max(kiosk_number) AS n FROM devices WHERE role = 'kiosk'").get() as {
              n: number | null;
            }
          ).n ?? 0) + 1
        : null;
    service.commit(
      [{ type: 'device.paired', hallId: null, deviceId, role: row.role, name: row.name }],
      now,
      () => {
        db.prepare('UPDATE pairing_codes SET used_at = ? WHERE code_hash = ?').run(now, hash);
        db.prepare(
          'INSERT INTO devices (id, role, name, hall_ids, counter_id, kiosk_number, token_hash, paired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(deviceId, row.role, row.name, row.hall_ids, row.counter_id, kioskNumber, tokenHash(token), now);
      },
    );
    return { deviceId, role: row.role, name: row.name, token, kioskNumber };
  });

  app.post('/v1/devices/heartbeat', async (req) => {
    const p = principal(req);
    if (p.kind !== 'device') throw new HttpError(403, ReasonCode.Forbidden, 'only devices send heartbeats');
    const status = DeviceHeartbeat.parse(req.body);
    db.prepare('UPDATE devices SET last_seen_at = ?, status = ? WHERE id = ?').run(
      clock(),
      JSON.stringify(status),
      p.id,
    );
    return { ok: true, seq: service.lastSeq() };
  });

  app.get('/v1/devices', async (req) => {
    staff(req, 'admin');
    const rows = db
      .prepare(
        'SELECT id, role, name, hall_ids, counter_id, kiosk_number, paired_at, revoked_at, last_seen_at, status FROM devices',
      )
      .all() as { status: string | null }[];
    return rows.map((d) => ({ ...d, status: d.status === null ? null : (JSON.parse(d.status) as unknown) }));
  });

  app.post('/v1/devices/:id/revoke', async (req) => {
    staff(req, 'admin');
    const { id } = req.params as { id: string };
    const row = db.prepare('SELECT role, name FROM devices WHERE id = ? AND revoked_at IS NULL').get(id) as
      { role: string; name: string } | undefined;
    if (!row) throw new HttpError(404, ReasonCode.NotFound, `no active device ${id}`);
    const now = clock();
    service.commit(
      [{ type: 'device.revoked', hallId: null, deviceId: id, role: row.role, name: row.name }],
      now,
      () => {
        db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ?').run(now, id);
      },
    );
    return { ok: true };
  });

  // ── Configuration ───────────────────────────────────────────────────────
  app.get('/v1/center', async (req) => {
    const p = principal(req);
    const isAdmin = p.kind === 'staff' && (p.roles.includes('admin') || p.roles.includes('supervisor'));
    // Devices get what they show; staff data stays with supervisors and admins.
    return isAdmin ? service.center : { ...service.center, staff: [] };
  });

  app.put('/v1/center', async (req) => {
    staff(req, 'admin');
    const next = parseCenter(req.body);
    service.reconfigure(next, () =>
      db.prepare("UPDATE settings SET value = ? WHERE key = 'center'").run(JSON.stringify(next)),
    );
    return service.center;
  });

  // ── Tickets ─────────────────────────────────────────────────────────────
  app.post('/v1/tickets', async (req) => {
    const kiosk = device(req, 'kiosk');
    const body = IssueRequest.parse(req.body);
    if (!body.fin) return service.issue(kiosk.id, body);
    // An ID card came with the request: check in to today's appointment when its window is
    // open; otherwise the citizen still gets a ticket, and the kiosk says why it is not one.
    const found = appointments.findForCheckIn(body.fin, body.serviceId);
    if (found?.window === 'on-time') {
      const { id, slotAt } = found.appointment;
      const issued = service.issue(kiosk.id, body, {
        id,
        slotAt,
        markCheckedIn: (ticketId) => appointments.markCheckedIn(id, ticketId),
      });
      return { ...issued, appointment: { id, slotAt, outcome: 'checked-in' as const } };
    }
    const issued = service.issue(kiosk.id, body);
    return {
      ...issued,
      appointment: found
        ? { id: found.appointment.id, slotAt: found.appointment.slotAt, outcome: found.window }
        : { id: '', slotAt: 0, outcome: 'none' as const },
    };
  });

  // ── Appointments ────────────────────────────────────────────────────────
  const booker = (req: FastifyRequest) => {
    const p = principal(req);
    const ok =
      p.kind === 'device'
        ? p.role === 'booking'
        : p.roles.includes('supervisor') || p.roles.includes('admin');
    if (!ok)
      throw new HttpError(
        403,
        ReasonCode.Forbidden,
        'only the booking integration and supervisors book appointments',
      );
    return p;
  };
  app.post('/v1/appointments', async (req) =>
    appointments.book(booker(req).id, BookAppointment.parse(req.body)),
  );
  app.get('/v1/appointments/slots', async (req) => {
    const p = principal(req);
    if (p.kind === 'device' && p.role !== 'booking' && p.role !== 'kiosk')
      throw new HttpError(403, ReasonCode.Forbidden, 'only booking, kiosks and staff read slots');
    const q = z
      .object({ serviceId: z.string(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
      .parse(req.query);
    return appointments.freeSlots(q.serviceId, q.date);
  });
  app.post('/v1/appointments/lookup', async (req) => {
    device(req, 'kiosk');
    return { appointments: appointments.lookup(AppointmentLookup.parse(req.body).fin) };
  });

  app.post('/v1/tickets/sync', async (req) => {
    const kiosk = device(req, 'kiosk');
    return service.sync(kiosk.id, SyncRequest.parse(req.body).tickets);
  });

  app.post('/v1/leases', async (req) => {
    const kiosk = device(req, 'kiosk');
    const body = LeaseRequest.parse(req.body);
    return { leases: service.lease(kiosk.id, body.serviceIds, body.size) };
  });

  app.get('/v1/services/:id/estimate', async (req) => {
    const p = principal(req);
    if (p.kind === 'device' && p.role !== 'kiosk')
      throw new HttpError(403, ReasonCode.Forbidden, 'only kiosks and staff ask this');
    const { id } = req.params as { id: string };
    if (!service.index.services.has(id))
      throw new HttpError(404, ReasonCode.UnknownEntity, `unknown service "${id}"`);
    const { priority } = z
      .object({ priority: z.enum(['regular', 'priority', 'appointment']).default('regular') })
      .parse(req.query);
    return {
      serviceId: id,
      waiting: service.waitingIn(id),
      estimate: service.estimateFor(id, priority, clock()),
    };
  });

  app.get('/v1/tickets/:id', async (req) => {
    const p = principal(req);
    if (p.kind === 'device' && p.role !== 'kiosk')
      throw new HttpError(403, ReasonCode.Forbidden, 'only kiosks and staff read tickets');
    const ticket = service.findTicket((req.params as { id: string }).id);
    if (!ticket) throw new HttpError(404, ReasonCode.NotFound, 'no such ticket');
    return ticket;
  });

  app.post('/v1/tickets/:id/cancel', async (req) => {
    const p = principal(req);
    if (
      !(p.kind === 'device'
        ? p.role === 'kiosk'
        : p.roles.includes('supervisor') || p.roles.includes('admin'))
    )
      throw new HttpError(403, ReasonCode.Forbidden, 'only kiosks and supervisors cancel tickets');
    const { id } = req.params as { id: string };
    if (p.kind === 'device' && !service.findTicket(id)) {
      // Never seen: the kiosk gave up on it; make sure it cannot arrive later.
      Ulid.parse(id);
      service.cancelUnseen(id, p.id);
      return { id, cancelled: 'unseen' as const };
    }
    return service.cancel(id);
  });

  // ── Counters ────────────────────────────────────────────────────────────
  app.post('/v1/counters/:id/commands', async (req) => {
    const p = principal(req);
    const { id } = req.params as { id: string };
    const command = CounterCommand.parse(req.body);
    if (p.kind === 'device') {
      if (p.role !== 'counter-board' || p.counterId !== id)
        throw new HttpError(403, ReasonCode.Forbidden, 'a device may command only its own counter');
      if (command.action === 'open') {
        const counter = service.counter(id);
        if (counter.status === 'closed')
          throw new HttpError(403, ReasonCode.Forbidden, 'staff open a counter by logging in');
      }
      return service.counterCommand(id, null, command);
    }
    if (!p.roles.includes('operator'))
      throw new HttpError(403, ReasonCode.Forbidden, 'only operators work at counters');
    return service.counterCommand(id, p.id, command);
  });

  app.get('/v1/counters', async (req) => {
    const p = principal(req);
    const halls = p.kind === 'staff' ? null : hallsOf(p);
    return service.counters(halls);
  });

  app.get('/v1/snapshot', async (req) => service.snapshot(hallsOf(principal(req))));

  // ── Statistics (derived from the event log) ─────────────────────────────
  const StatisticsQuery = z.object({
    /** A center day, `YYYY-MM-DD`; today when absent. */
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    /** Or an explicit range, ms since the epoch. */
    from: z.coerce.number().int().nonnegative().optional(),
    to: z.coerce.number().int().nonnegative().optional(),
    language: z.enum(['az', 'ru', 'en']).default('az'),
  });
  const statistics = (query: unknown) => {
    const q = StatisticsQuery.parse(query);
    const { hours } = service.center;
    const now = clock();
    const day = q.date ?? centerDay(q.from ?? now, hours);
    const dayStart = centerInstant(day, hours.dayStart, hours.timeZone);
    const from = q.from ?? dayStart;
    const to = Math.min(q.to ?? dayStart + 24 * 3_600_000, now);
    if (from > to) throw new HttpError(400, ReasonCode.BadRequest, 'from: must not be after to');
    // Replay from the start of the center day holding `from`, so state carried into the range is known.
    const events = [
      ...service.eventsFrom(centerInstant(centerDay(from, hours), hours.dayStart, hours.timeZone)),
    ];
    return { stats: computeStatistics(events, service.center, { from, to }), language: q.language };
  };
  app.get('/v1/statistics', async (req) => {
    staff(req, 'supervisor', 'admin');
    return statistics(req.query).stats;
  });
  app.get('/v1/statistics/:table.csv', async (req, reply) => {
    staff(req, 'supervisor', 'admin');
    const table = z
      .enum(['services', 'counters', 'staff', 'hours'])
      .parse((req.params as { table: string }).table);
    const { stats, language } = statistics(req.query);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="novbe-${table}.csv"`);
    return statisticsToCsv(stats, table, language);
  });

  app.get('/v1/audit/verify', async (req) => {
    staff(req, 'admin', 'supervisor');
    return service.verifyLog();
  });

  // ── Live events ─────────────────────────────────────────────────────────
  app.get('/v1/events', { websocket: true }, (socket: WebSocket, req) => {
    const send = (m: StreamMessage) => socket.send(JSON.stringify(m));
    const fail = (code: string, message: string) => {
      send({ type: 'error', error: { code, message } });
      socket.close(1008, code);
    };
    const timer = setTimeout(() => fail(ReasonCode.Unauthorized, 'no hello within 5 s'), 5000);
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
        filter = { halls: hallsOf(p), types: p.kind === 'staff' ? null : DISPLAY_EVENT_TYPES };
      } catch (e) {
        return fail(ReasonCode.Forbidden, (e as Error).message);
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
          if (page.length === 0) break;
          after = page.at(-1)!.seq;
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

  return {
    app,
    service,
    db,
    generatedAdminPassword,
    storageFailure: durable.failure,
    async close() {
      clearInterval(releaseTimer);
      hub.closeAll();
      await app.close();
      await checkpointer.stop();
      db.close();
      durable.close();
    },
  };
}
