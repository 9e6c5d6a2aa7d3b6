import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { CenterIndex, parseCenter, type Center } from '@novbe/core';
import { exampleCenter } from '@novbe/core/fixtures';
import { ReasonCode } from '@novbe/protocol';
import { Checkpointer, GroupSync, migrate, openDatabase, type Db, type SyncFailedError } from '@novbe/store';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppointmentBook } from './appointments';
import { AuditTrail } from './audit/audit-trail';
import { hashPassword } from './auth';
import { CenterService } from './center/center-service';
import type { Clock } from './center/errors';
import type { ServerConfig } from './config';
import type { ServerContext } from './context';
import { HttpError } from './errors';
import { EventHub } from './event-hub';
import { loadFinKey, type FinKey } from './fin-key';
import { installHooks } from './hooks';
import { createMetrics } from './metrics';
import { MIGRATIONS } from './migrations';
import { Authenticator } from './principal';
import { DeviceRepository } from './repositories/devices';
import { SessionRepository } from './repositories/sessions';
import { SettingsRepository } from './repositories/settings';
import { StaffRepository } from './repositories/staff';
import { appointmentRoutes } from './routes/appointments';
import { centerRoutes } from './routes/center';
import { counterRoutes } from './routes/counters';
import { deviceRoutes } from './routes/devices';
import { eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { pageRoutes } from './routes/pages';
import { staffRoutes } from './routes/staff';
import { statisticsRoutes } from './routes/statistics';
import { ticketRoutes } from './routes/tickets';

/** Origins of the appliances' own pages (Electron's privileged scheme) that call the API. */
export const APPLIANCE_ORIGINS = ['novbe://display'];

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

/** The center's configuration: as stored, else the configured file, else the example center. */
function loadCenter(settings: SettingsRepository, config: ServerConfig): Center {
  const stored = settings.get('center');
  if (stored !== null) return parseCenter(JSON.parse(stored));
  const center = config.centerFile
    ? parseCenter(JSON.parse(readFileSync(config.centerFile, 'utf8')))
    : exampleCenter;
  settings.set('center', JSON.stringify(center));
  return center;
}

/** Sets the admin password on first start: from the configuration, or generated and returned. */
async function bootstrapAdmin(
  staff: StaffRepository,
  center: Center,
  config: ServerConfig,
  now: number,
): Promise<string | null> {
  const admin = center.staff.find((s) => s.roles.includes('admin'));
  if (!admin || staff.passwordHash(admin.id) !== null) return null;
  const password = config.adminPassword ?? randomBytes(12).toString('base64url');
  staff.setPasswordHash(admin.id, await hashPassword(password), now);
  return config.adminPassword ? null : password;
}

/** Says where the FIN key came from when that needs the admin's attention (never the key). */
function logFinKey(app: FastifyInstance, { source, path, unmatched }: FinKey): void {
  const log = app.log.child({ scope: 'fin-key', path });
  if (source === 'moved-from-database')
    log.warn('FIN key moved out of the database into its own file: back it up apart from the database');
  if (source !== 'created') return;
  if (unmatched > 0)
    log.error(
      { unmatched },
      'FIN key file missing: a new key was made, and booked appointments can no longer be found by ID card; restore the backed-up key file and restart',
    );
  else log.warn('FIN key generated into its own file: back it up apart from the database');
}

/** Builds the center server: database, migrations, queue replay, HTTP and WebSocket API. */
export async function buildServer(config: ServerConfig, clock: Clock = Date.now): Promise<CenterServer> {
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(join(config.dataDir, 'center.db'), { busyTimeoutMs: config.busyTimeoutMs });
  migrate(db, MIGRATIONS);
  // Both keys live outside the database; every event written carries the audit key's MAC.
  let finKey: FinKey;
  let audit: AuditTrail;
  try {
    finKey = loadFinKey(db, config);
    audit = new AuditTrail(db, config.auditKeyFile ?? join(config.dataDir, 'audit.key'), clock);
  } catch (e) {
    db.close();
    throw e;
  }
  const settings = new SettingsRepository(db);
  const staff = new StaffRepository(db);
  const sessions = new SessionRepository(db);
  const devices = new DeviceRepository(db);
  const center = loadCenter(settings, config);
  const generatedAdminPassword = await bootstrapAdmin(staff, center, config, clock());
  // Commits write the WAL; a group sync puts them on the disk, and no answer or event leaves
  // the server before the writes it follows are there.
  const durable = new GroupSync(db);
  const service = new CenterService(db, new CenterIndex(center), clock, durable, audit.key);
  const appointments = new AppointmentBook(db, service, finKey.key, clock);
  const releaseTimer = setInterval(() => appointments.releaseMissed(), 60_000);
  releaseTimer.unref();
  const auth = new Authenticator(
    devices,
    sessions,
    (staffId) => service.center.staff.find((s) => s.id === staffId)?.roles ?? null,
  );
  const hub = new EventHub();
  const metrics = createMetrics(service, hub);
  service.onEvents((events) => {
    metrics.observeEvents(events);
    hub.publish(events);
    audit.observe(events);
  });
  const ctx: ServerContext = {
    ...{ config, clock, service, appointments, auth, hub, metrics, audit },
    ...{ devices, staff, sessions, settings },
  };

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'body.password', 'body.fin', 'body.token'],
    },
    bodyLimit: config.bodyLimit,
  });
  // Requests and answers are checked with the contract's zod schemas.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(helmet, { global: true });
  // The display's Electron page (origin novbe://display) reads the API with its bearer token;
  // no cookies are involved, so no credentials are allowed across origins.
  await app.register(cors, { origin: APPLIANCE_ORIGINS, credentials: false, maxAge: 600 });
  await app.register(rateLimit, {
    global: false,
    // After validation, so a key may use the body (a login's name).
    hook: 'preHandler',
    errorResponseBuilder: (_req, { after }) =>
      new HttpError(429, ReasonCode.TooManyRequests, `too many attempts; try again in ${after}`),
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  installHooks(app, { auth, clock, durable });
  for (const routes of [
    healthRoutes,
    staffRoutes,
    deviceRoutes,
    centerRoutes,
    ticketRoutes,
    appointmentRoutes,
    counterRoutes,
    statisticsRoutes,
    eventRoutes,
    pageRoutes,
  ])
    await app.register(routes, { ctx });
  audit.start({ log: app.log.child({ scope: 'audit' }), publish: (head) => hub.publishHead(head) });

  logFinKey(app, finKey);
  // Each event kept aside, at the start's replay or later, once (the center runs on the rest).
  const centerLog = app.log.child({ scope: 'center' });
  service.onQuarantine(({ seq, type, reason }) =>
    centerLog.error({ seq, type, reason }, 'event kept aside: it cannot be read or does not fit its day'),
  );
  const checkpointer = new Checkpointer(db, {
    onError: (message) => app.log.warn({ message }, 'WAL checkpoint failed; the next one retries'),
  });
  void durable.failure.then((e) => app.log.fatal({ err: e }, 'the disk did not confirm a write'));

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
      audit.close();
      await checkpointer.stop();
      db.close();
      durable.close();
    },
  };
}
