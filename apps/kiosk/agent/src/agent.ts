import { HidCardReader, SerialCardReader, type CardReader } from '@novbe/card-reader';
import type { Center } from '@novbe/core';
import { openTicketPrinter, type TicketPrinter } from '@novbe/printer';
import {
  ProtocolError,
  type ErrorBody,
  type KioskEvent,
  type KioskHandlers,
  type KioskStatus,
  type ServiceInfo,
  createCenterClient,
  type CenterClient,
} from '@novbe/protocol';
import type { Db } from '@novbe/store';
import type { Logger } from 'pino';
import { z } from 'zod';
import { CardScanner } from './card-scanner';
import { catalogOf } from './catalog';
import { parseKioskConfig, trackingUrl, type CardReaderConfig, type KioskAgentConfig } from './config';
import { ConfigCache } from './config-cache';
import {
  BadKioskRequestError,
  kioskErrorBody,
  KioskOutOfServiceError,
  PairingError,
  UnknownServiceError,
} from './errors';
import { IdentityStore, type KioskIdentity } from './identity-store';
import { openKioskDatabase } from './kiosk-database';
import { KioskStatusTracker } from './kiosk-status';
import { LeaseBook } from './lease-book';
import { topUpLeases } from './lease-top-up';
import { isUnreachable, LinkMonitor } from './link-monitor';
import { createKioskLogger } from './logger';
import type { KnownLine } from './offline-estimate';
import { OutboxDrain, type DrainResult } from './outbox-drain';
import { TicketIssuer } from './ticket-issuer';
import { TicketJournal } from './ticket-journal';

/** Reported with heartbeats. */
export const KIOSK_AGENT_VERSION = '0.1.0';

export interface KioskAgentOptions {
  /** The time, ms since the epoch (tests move it; the default is the system clock). */
  readonly clock?: () => number;
  readonly logger?: Logger;
}

/** The running kiosk agent: the renderer's handler map plus what its host needs. */
export interface KioskAgent {
  readonly config: KioskAgentConfig;
  readonly handlers: KioskHandlers;
  /** Status events, pushed on every change; returns the unsubscribe function. */
  onEvent(listener: (event: KioskEvent) => void): () => void;
  status(): KioskStatus;
  /** A handler's error as the coded body the renderer gets; unexpected ones are logged here. */
  errorBody(error: unknown): ErrorBody;
  /** Exchanges a one-time pairing code for the device token, stores it, and fetches the configuration. */
  pair(code: string): Promise<KioskIdentity>;
  /** One round of background work now: probe, outbox, leases, configuration, heartbeat. */
  syncNow(): Promise<DrainResult | null>;
  close(): Promise<void>;
}

function openCardReader(config: CardReaderConfig, clock: () => number, logger: Logger): CardReader | null {
  const common = { now: () => new Date(clock()), logger };
  switch (config.type) {
    case 'none':
      return null;
    case 'serial':
      return new SerialCardReader({ ...common, path: config.path, baudRate: config.baudRate });
    case 'hid':
      return new HidCardReader({
        ...common,
        device: { vendorId: config.vendorId, productId: config.productId },
      });
    case 'hid-path':
      return new HidCardReader({ ...common, device: { path: config.path } });
  }
}

const ServiceIdParam = z.string().min(1).max(40);
const ScanParams = z.object({ timeoutMs: z.number().int().min(100).max(300_000) });

/**
 * Starts the kiosk agent: opens its database (recovering tickets a crash left mid-print), the
 * printer and the card reader, then keeps the link to the center server in the background
 * (health probes, outbox drain, number leases, configuration refresh, heartbeats).
 */
export async function startKioskAgent(input: unknown, options: KioskAgentOptions = {}): Promise<KioskAgent> {
  const config = parseKioskConfig(input);
  const clock = options.clock ?? Date.now;
  const log = options.logger ?? createKioskLogger(config.logLevel);
  const db: Db = openKioskDatabase(config.dataDir);
  const journal = new TicketJournal(db);
  const identities = new IdentityStore(db);
  const cache = new ConfigCache(db);
  let leases: LeaseBook;
  try {
    leases = new LeaseBook(db, config.kioskNumber);
  } catch (error) {
    db.close();
    throw error;
  }
  const recovered = journal.recoverInterrupted();
  if (recovered > 0)
    log.warn(
      { tickets: recovered },
      'tickets were printing when the agent stopped; kept as possibly printed',
    );

  let identity = identities.load();
  let center: Center | null = cache.load()?.center ?? null;
  let configFetchedAt = cache.load()?.fetchedAt ?? 0;
  let unauthorized = false;
  const knownLines = new Map<string, KnownLine>();
  const link = new LinkMonitor();
  const status = new KioskStatusTracker({
    printer: undefined,
    link: link.state,
    paired: identity !== null,
    configured: center !== null,
    cardReader: 'absent',
    outbox: journal.counts().pending,
  });
  const listeners = new Set<(event: KioskEvent) => void>();
  status.on('change', (s) => {
    log.info({ status: s }, 'kiosk status');
    for (const l of listeners) l({ type: 'status', status: s });
  });

  const client = (timeoutMs: number): CenterClient | null =>
    identity && !unauthorized
      ? createCenterClient({ baseUrl: config.serverUrl, token: identity.token, timeoutMs })
      : null;
  const backgroundTimeout = Math.max(config.onlineBudgetMs, 5_000);
  const refreshOutbox = () => status.update({ outbox: journal.counts().pending });

  const printer: TicketPrinter = openTicketPrinter(config.printer);
  printer.on('status', (s, changes) => {
    log.info({ changes }, 'printer status');
    status.update({ printer: s });
    void heartbeat();
  });

  const scanner = new CardScanner({
    reader: openCardReader(config.cardReader, clock, log.child({ scope: 'card-reader' })),
    clock,
    timeZone: () => center?.hours.timeZone ?? 'Asia/Baku',
    findAppointments: async (fin) => {
      const c = link.online ? client(config.onlineBudgetMs) : null;
      if (!c) return null;
      try {
        const { appointments } = await c.findAppointments({ body: { fin } });
        link.succeeded();
        return appointments;
      } catch (error) {
        link.failed(error);
        return null;
      }
    },
    onReaderState: (state) => status.update({ cardReader: state }),
    logger: log.child({ scope: 'card-scanner' }),
  });

  const drain = new OutboxDrain({
    journal,
    link,
    client: () => client(backgroundTimeout),
    clock,
    logger: log.child({ scope: 'outbox' }),
    onChange: refreshOutbox,
  });

  const markUnauthorized = () => {
    unauthorized = true;
    log.error('the server refused the device token: pair this kiosk again');
    status.update({ paired: false });
  };

  const issuer = new TicketIssuer({
    db,
    journal,
    leases,
    printer,
    link,
    scanner,
    clock,
    logger: log.child({ scope: 'issue' }),
    kioskName: config.kioskName,
    center: () => center,
    client,
    onlineBudgetMs: config.onlineBudgetMs,
    outOfService: () => status.current.reason,
    knownLines,
    trackingUrl: (id) => trackingUrl(config, id),
    onUnauthorized: markUnauthorized,
    onChange: refreshOutbox,
    onPrintFailure: async () => {
      status.update({ printer: await printer.status() });
      return status.current.reason ?? 'printer-error';
    },
  });

  // ── Background work ─────────────────────────────────────────────────────
  let lastHeartbeat = 0;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<DrainResult | null> | null = null;

  async function heartbeat(): Promise<void> {
    const c = link.online ? client(backgroundTimeout) : null;
    if (!c) return;
    const counts = journal.counts();
    const s = status.current;
    try {
      await c.heartbeat({
        body: {
          appVersion: KIOSK_AGENT_VERSION,
          printer: s.printer,
          link: s.link,
          outbox: counts.pending,
          detail: `inService=${s.inService}${s.reason ? ` reason=${s.reason}` : ''} rejected=${counts.rejected} cancels=${counts.cancels} cardReader=${s.cardReader}`,
        },
      });
      lastHeartbeat = clock();
    } catch (error) {
      link.failed(error);
      log.warn({ error: (error as Error).message }, 'heartbeat failed');
    }
  }

  async function refreshConfig(c: CenterClient): Promise<void> {
    const raw = await c.center();
    center = cache.save(raw, clock());
    configFetchedAt = clock();
    status.update({ configured: true });
  }

  async function backgroundRound(): Promise<DrainResult | null> {
    if (!identity || unauthorized) return null;
    const c = client(backgroundTimeout)!;
    try {
      await createCenterClient({ baseUrl: config.serverUrl, timeoutMs: config.onlineBudgetMs }).health();
      link.succeeded();
    } catch (error) {
      log.debug({ error: (error as Error).message }, 'health probe failed');
      link.lost();
      return null;
    }
    try {
      if (!center || clock() - configFetchedAt >= config.configRefreshIntervalMs) await refreshConfig(c);
      const result = await drain.drain();
      if (center && link.online)
        await topUpLeases({
          center,
          client: c,
          leases,
          leaseSize: config.leaseSize,
          now: clock(),
          logger: log.child({ scope: 'leases' }),
        });
      if (clock() - lastHeartbeat >= config.heartbeatIntervalMs) await heartbeat();
      return result;
    } catch (error) {
      link.failed(error);
      if (error instanceof ProtocolError && (error.status === 401 || error.status === 403))
        markUnauthorized();
      else log.warn({ error: (error as Error).message }, 'background sync failed');
      return null;
    }
  }

  /** Runs one round (joining one in progress) and schedules the next. */
  function runRound(): Promise<DrainResult | null> {
    round ??= backgroundRound().finally(() => {
      round = null;
      schedule();
    });
    return round;
  }

  function schedule(): void {
    clearTimeout(timer);
    if (closed) return;
    timer = setTimeout(() => void runRound(), link.online ? config.syncIntervalMs : config.probeIntervalMs);
    timer.unref();
  }

  link.on('change', (state) => {
    log.info({ link: state }, state === 'online' ? 'center server reachable' : 'center server out of reach');
    status.update({ link: state });
    // Back online: drain the outbox at once rather than at the next tick.
    if (state === 'online' && !round) void runRound();
    else schedule();
  });

  // ── Start ───────────────────────────────────────────────────────────────
  status.update({ printer: await printer.status() });
  await scanner.open();
  await runRound();

  const handlers: KioskHandlers = {
    'kiosk-status': async () => status.current,
    'kiosk-catalog': async () => {
      if (!center) throw new KioskOutOfServiceError('not-configured', 'no center configuration yet');
      return catalogOf(center);
    },
    'service-info': async (serviceId) => {
      const id = ServiceIdParam.safeParse(serviceId);
      if (!id.success) throw new BadKioskRequestError('service-info: a service id is required');
      if (!center?.services.some((s) => s.id === id.data)) throw new UnknownServiceError(id.data);
      const offline: ServiceInfo = { serviceId: id.data, waiting: null, estimate: null };
      const c = link.online ? client(config.onlineBudgetMs) : null;
      if (!c) return offline;
      try {
        const info = await c.serviceEstimate({ params: { id: id.data }, query: {} });
        link.succeeded();
        knownLines.set(id.data, { waiting: info.waiting, estimate: info.estimate, at: clock() });
        return { serviceId: id.data, waiting: info.waiting, estimate: info.estimate };
      } catch (error) {
        link.failed(error);
        if (isUnreachable(error) || (error instanceof ProtocolError && (error.status ?? 0) >= 500))
          return offline;
        throw error;
      }
    },
    'card-scan': async (params) => {
      const p = ScanParams.safeParse(params);
      if (!p.success) throw new BadKioskRequestError('card-scan: timeoutMs must be 100–300000');
      return scanner.scan(p.data.timeoutMs);
    },
    'card-cancel': async () => scanner.cancel(),
    'ticket-issue': (params) => issuer.issue(params),
  };

  return {
    config,
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status: () => status.current,
    errorBody(error) {
      const body = kioskErrorBody(error);
      if (body.code === 'internal') log.error({ err: error }, 'handler failed');
      else log.info({ code: body.code, msg: body.message }, 'request refused');
      return body;
    },
    async pair(code) {
      let paired;
      try {
        paired = await createCenterClient({ baseUrl: config.serverUrl, timeoutMs: backgroundTimeout }).pair({
          body: {
            code,
          },
        });
      } catch (error) {
        if (error instanceof ProtocolError && error.status !== undefined && error.status < 500)
          throw new PairingError(`pairing refused: ${error.message}`);
        throw error;
      }
      if (paired.role !== 'kiosk')
        throw new PairingError(`that code pairs a ${paired.role}, not a kiosk: ask for a kiosk code`);
      identity = {
        deviceId: paired.deviceId,
        name: paired.name,
        token: paired.token,
        serverUrl: config.serverUrl,
        pairedAt: clock(),
      };
      identities.save(identity);
      unauthorized = false;
      configFetchedAt = 0;
      status.update({ paired: true });
      log.info({ deviceId: paired.deviceId, name: paired.name }, 'paired with the center server');
      await (round ?? Promise.resolve());
      await runRound();
      return identity;
    },
    async syncNow() {
      await (round ?? Promise.resolve());
      return runRound();
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      listeners.clear();
      await (round ?? Promise.resolve());
      await drain.settled();
      await scanner.close();
      await printer.close();
      db.close();
    },
  };
}
