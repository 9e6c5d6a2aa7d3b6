/**
 * A TEST DOUBLE of the kiosk agent, for the renderer's own tests: the real WebSocket carrier
 * (`serveAgent`, token and all) in front of a handler map that answers from the example center
 * and records every call. It prints nothing and keeps nothing on disk; the end-to-end tests with
 * the real agent, SQLite and the printer emulator live in `test/`.
 */
import { formatTicketNumber } from '@novbe/core';
import { exampleCenter } from '@novbe/core/fixtures';
import {
  ReasonCode,
  type CardScan,
  type ErrorBody,
  type KioskCatalog,
  type KioskEvent,
  type KioskIssue,
  type KioskStatus,
  type KioskTicket,
  type ServiceInfo,
} from '@novbe/protocol';
import { serveAgent, type AgentServer } from '@novbe/protocol/node';
import { ulid } from 'ulid';

/** The agent double refuses a ticket the way the real agent does when it cannot print. */
class DoubleOutOfServiceError extends Error {
  override name = 'DoubleOutOfServiceError';
}
class DoubleUnknownServiceError extends Error {
  override name = 'DoubleUnknownServiceError';
}
class DoubleScanNotFoundError extends Error {
  override name = 'DoubleScanNotFoundError';
}

export const READY_STATUS: KioskStatus = {
  inService: true,
  reason: null,
  link: 'online',
  printer: 'ready',
  cardReader: 'ready',
  outbox: 0,
};

/** The example center as the kiosk agent shows it to the touchscreen. */
export function exampleCatalog(): KioskCatalog {
  return {
    centerName: exampleCenter.name,
    timeZone: exampleCenter.hours.timeZone,
    agencies: exampleCenter.agencies.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
    services: exampleCenter.services.map((s) => ({
      id: s.id,
      agencyId: s.agencyId,
      name: s.name,
      documents: s.documents,
      requiresIdCard: s.requiresIdCard,
      takesAppointments: s.appointmentSlotMin !== undefined,
    })),
  };
}

export interface RecordedCall {
  readonly method: string;
  readonly params: unknown;
}

export interface AgentDouble {
  readonly url: string;
  readonly token: string;
  readonly calls: RecordedCall[];
  readonly issued: KioskTicket[];
  status(): KioskStatus;
  /** Changes the status and pushes it to the renderer as an event (as the agent does). */
  setStatus(patch: Partial<KioskStatus>): void;
  /** Answers the pending (or the next) `card-scan`. */
  presentCard(scan: CardScan): void;
  /** Makes the next `card-scan` fail as with an unplugged reader. */
  breakCardReaderOnce(): void;
  /** Makes `ticket-issue` answer this error once. */
  failNextIssue(error: 'out-of-service' | 'unknown-service' | 'scan-expired'): void;
  /** Makes the next `ticket-issue` wait until the returned function is called (a slow printer). */
  holdNextIssue(): () => void;
  callsOf(method: string): unknown[];
  close(): Promise<void>;
}

/** A deterministic, plausible queue length per service (the double has no queue of its own). */
function waitingFor(serviceId: string): number {
  let h = 7;
  for (const c of serviceId) h = (h * 31 + c.charCodeAt(0)) % 9973;
  return 2 + (h % 11);
}

export interface AgentDoubleOptions {
  readonly status?: Partial<KioskStatus>;
  /** A fixed port and token: a "restarted" agent the renderer reconnects to by itself. */
  readonly port?: number;
  readonly token?: string;
}

/** Starts the agent double on loopback (a free port unless one is given). */
export async function startAgentDouble(options: AgentDoubleOptions = {}): Promise<AgentDouble> {
  let status: KioskStatus = { ...READY_STATUS, ...options.status };
  const catalog = exampleCatalog();
  const calls: RecordedCall[] = [];
  const issued: KioskTicket[] = [];
  const sequence = new Map<string, number>();
  const heldScans = new Map<string, Extract<CardScan, { status: 'read' }>>();
  let pendingScan: ((scan: CardScan) => void) | null = null;
  let presented: CardScan | null = null;
  let nextFailure: 'out-of-service' | 'unknown-service' | 'scan-expired' | null = null;
  let hold: Promise<void> | null = null;
  let readerBroken = false;

  const info = (serviceId: string): ServiceInfo => {
    const service = exampleCenter.services.find((s) => s.id === serviceId);
    if (!service) throw new DoubleUnknownServiceError(`unknown service "${serviceId}"`);
    if (status.link === 'offline') return { serviceId, waiting: null, estimate: null };
    const waiting = waitingFor(serviceId);
    const counters = exampleCenter.counters.filter((c) => c.services.some((x) => x.serviceId === serviceId));
    const expectedMin = (waiting * service.expectedHandlingMin) / Math.max(1, counters.length);
    return {
      serviceId,
      waiting,
      estimate: { ahead: waiting, expectedMin, lowMin: expectedMin * 0.7, highMin: expectedMin * 1.4 },
    };
  };

  const handlers = {
    'kiosk-status': async () => status,
    'kiosk-catalog': async () => {
      if (status.reason === 'not-configured') throw new DoubleOutOfServiceError('not configured');
      return catalog;
    },
    'service-info': async (serviceId: string) => info(serviceId),
    'card-scan': async ({ timeoutMs }: { timeoutMs: number }) => {
      if (readerBroken) {
        readerBroken = false;
        throw new DoubleScanNotFoundError('the card reader is not available');
      }
      pendingScan?.({ status: 'cancelled' });
      const scan = await new Promise<CardScan>((resolve) => {
        if (presented) {
          const card = presented;
          presented = null;
          return resolve(card);
        }
        const timer = setTimeout(() => resolve({ status: 'timeout' }), timeoutMs);
        pendingScan = (card) => {
          clearTimeout(timer);
          pendingScan = null;
          resolve(card);
        };
      });
      if (scan.status === 'read') heldScans.set(scan.scanId, scan);
      return scan;
    },
    'card-cancel': async () => {
      pendingScan?.({ status: 'cancelled' });
    },
    'ticket-issue': async (request: KioskIssue): Promise<KioskTicket> => {
      const held = hold;
      hold = null;
      if (held) await held;
      const failure = nextFailure;
      nextFailure = null;
      if (failure === 'out-of-service')
        throw new DoubleOutOfServiceError('paper-out: the printer reported no paper');
      if (failure === 'unknown-service')
        throw new DoubleUnknownServiceError(`unknown service "${request.serviceId}"`);
      if (failure === 'scan-expired') throw new DoubleScanNotFoundError('that card read is no longer held');
      if (!status.inService) throw new DoubleOutOfServiceError(`${status.reason}: cannot print now`);
      const service = exampleCenter.services.find((s) => s.id === request.serviceId);
      if (!service) throw new DoubleUnknownServiceError(`unknown service "${request.serviceId}"`);
      const scan = request.scanId ? heldScans.get(request.scanId) : undefined;
      if (request.scanId && !scan) throw new DoubleScanNotFoundError('that card read is no longer held');
      if (request.scanId) heldScans.delete(request.scanId);
      const seq = (sequence.get(service.id) ?? 0) + 1;
      sequence.set(service.id, seq);
      const { waiting, estimate } = info(service.id);
      const appointment = scan?.appointment;
      const ticket: KioskTicket = {
        id: ulid(),
        number: formatTicketNumber(service.prefix, seq),
        serviceId: service.id,
        language: request.language,
        issuedAt: Date.now(),
        offline: status.link === 'offline',
        peopleAhead: waiting,
        estimate,
        appointment: !scan
          ? null
          : !appointment
            ? 'none'
            : appointment.window === 'on-time'
              ? 'checked-in'
              : appointment.window,
      };
      issued.push(ticket);
      return ticket;
    },
  };

  const recorded = Object.fromEntries(
    Object.entries(handlers).map(([method, handler]) => [
      method,
      (params: never) => {
        calls.push({ method, params });
        return (handler as (p: never) => Promise<unknown>)(params);
      },
    ]),
  );

  const toError = (e: unknown): ErrorBody => {
    const message = (e as Error).message;
    if (e instanceof DoubleOutOfServiceError) return { code: ReasonCode.OutOfService, message };
    if (e instanceof DoubleUnknownServiceError) return { code: ReasonCode.UnknownEntity, message };
    if (e instanceof DoubleScanNotFoundError) return { code: ReasonCode.NotFound, message };
    return { code: ReasonCode.Internal, message };
  };

  const server: AgentServer<KioskEvent> = await serveAgent<KioskEvent>(recorded, {
    toError,
    ...(options.port ? { port: options.port } : {}),
    ...(options.token ? { token: options.token } : {}),
  });

  return {
    url: server.url,
    token: server.token,
    calls,
    issued,
    status: () => status,
    setStatus(patch) {
      status = { ...status, ...patch };
      server.publish({ type: 'status', status });
    },
    presentCard(scan) {
      if (pendingScan) pendingScan(scan);
      else presented = scan;
    },
    breakCardReaderOnce() {
      readerBroken = true;
    },
    failNextIssue(error) {
      nextFailure = error;
    },
    holdNextIssue() {
      let release!: () => void;
      hold = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.params),
    close: () => server.close(),
  };
}
