import type { FastifyPluginAsync } from 'fastify';
import type { AppointmentBook } from './appointments';
import type { AuditTrail } from './audit/audit-trail';
import type { CenterService } from './center/center-service';
import type { Clock } from './center/errors';
import type { ServerConfig } from './config';
import type { EventHub } from './event-hub';
import type { Metrics } from './metrics';
import type { Authenticator } from './principal';
import type { DeviceRepository } from './repositories/devices';
import type { SessionRepository } from './repositories/sessions';
import type { SettingsRepository } from './repositories/settings';
import type { StaffRepository } from './repositories/staff';

/** What every route plugin works with: one per server, built in `app.ts`. */
export interface ServerContext {
  readonly config: ServerConfig;
  readonly clock: Clock;
  /** The queue authority: every command and the event log go through it. */
  readonly service: CenterService;
  readonly appointments: AppointmentBook;
  readonly auth: Authenticator;
  readonly devices: DeviceRepository;
  readonly staff: StaffRepository;
  readonly sessions: SessionRepository;
  readonly settings: SettingsRepository;
  /** Live event streams. */
  readonly hub: EventHub;
  readonly metrics: Metrics;
  /** The event log's anchor outside the database: its key, its published head, the audit. */
  readonly audit: AuditTrail;
}

/** One area's routes, as a Fastify plugin over the server context. */
export type RoutePlugin = FastifyPluginAsync<{ readonly ctx: ServerContext }>;
