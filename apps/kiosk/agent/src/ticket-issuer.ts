import { centerDay, type Center } from '@novbe/core';
import { PrinterError, type TicketPrinter } from '@novbe/printer';
import {
  KioskIssue,
  OfflineTicket,
  ProtocolError,
  type CenterClient,
  type IssuedTicket,
  type KioskTicket,
  type OutOfServiceReason,
  type WaitEstimateView,
} from '@novbe/protocol';
import type { Db } from '@novbe/store';
import type { Logger } from 'pino';
import { ulid } from 'ulid';
import type { CardScanner } from './card-scanner';
import { BadKioskRequestError, KioskOutOfServiceError, UnknownServiceError } from './errors';
import type { LeaseBook } from './lease-book';
import { isServerFault, isUnreachable, type LinkMonitor } from './link-monitor';
import { offlineEstimate, type KnownLine } from './offline-estimate';
import { ticketPrintData } from './print-data';
import type { TicketJournal } from './ticket-journal';

type PriorityReason = NonNullable<KioskIssue['priorityReason']>;

export interface TicketIssuerDeps {
  readonly db: Db;
  readonly journal: TicketJournal;
  readonly leases: LeaseBook;
  readonly printer: TicketPrinter;
  readonly link: LinkMonitor;
  readonly scanner: CardScanner;
  readonly clock: () => number;
  readonly logger: Logger;
  readonly kioskName: string;
  /** The center as cached; null before the first configuration arrived. */
  readonly center: () => Center | null;
  /** A client holding the device token, giving up after `timeoutMs`; null when not paired. */
  readonly client: (timeoutMs: number) => CenterClient | null;
  readonly onlineBudgetMs: number;
  /** Why the kiosk is out of service now (printer, configuration), or null. */
  readonly outOfService: () => OutOfServiceReason | null;
  readonly knownLines: Map<string, KnownLine>;
  readonly trackingUrl: (ticketId: string) => string;
  /** The server refused the device token: the kiosk must be paired again. */
  readonly onUnauthorized: () => void;
  /** Something changed that the status (outbox size, printer) must reflect. */
  readonly onChange: () => void;
  /** The printer refused a ticket: refresh its status so the kiosk shows why. */
  readonly onPrintFailure: () => Promise<OutOfServiceReason>;
}

/** The printer error as the reason the renderer shows. */
function reasonOf(error: PrinterError): OutOfServiceReason {
  switch (error.code) {
    case 'printer-out-of-paper':
      return 'paper-out';
    case 'printer-cover-open':
      return 'cover-open';
    case 'printer-offline':
    case 'printer-disconnected':
    case 'printer-timeout':
      return 'printer-offline';
    default:
      return 'printer-error';
  }
}

interface Committed {
  readonly id: string;
  readonly number: string;
  readonly offline: boolean;
  readonly issuedAt: number;
  readonly estimate: WaitEstimateView;
  readonly serverEstimate: WaitEstimateView | null;
  readonly appointment: KioskTicket['appointment'];
}

/**
 * `ticket-issue`: online through the server within a short budget, else offline from leased
 * numbers; committed to the local journal (and, offline, the outbox) before the printer is
 * asked; reported printed only once the printer confirmed. A refused print voids the ticket:
 * cancelled on the server (or queued for it), or taken out of the outbox.
 */
export class TicketIssuer {
  constructor(private readonly deps: TicketIssuerDeps) {}

  async issue(params: unknown): Promise<KioskTicket> {
    const parsed = KioskIssue.safeParse(params);
    if (!parsed.success)
      throw new BadKioskRequestError(
        `ticket-issue: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
      );
    const req = parsed.data;
    const { deps } = this;
    const reason = deps.outOfService();
    if (reason) throw new KioskOutOfServiceError(reason, 'the kiosk cannot print tickets now');
    const center = deps.center()!;
    if (!center.services.some((s) => s.id === req.serviceId)) throw new UnknownServiceError(req.serviceId);
    try {
      const held = req.scanId ? deps.scanner.get(req.scanId) : null;
      const priorityReason = req.priorityReason ?? held?.entitlement ?? undefined;
      const committed =
        (deps.link.online ? await this.#online(center, req, priorityReason, held?.fin) : null) ??
        this.#offline(center, req, priorityReason);
      await this.#print(center, req, committed);
      return {
        id: committed.id,
        number: committed.number,
        serviceId: req.serviceId,
        language: req.language,
        issuedAt: committed.issuedAt,
        offline: committed.offline,
        peopleAhead: committed.estimate.ahead,
        estimate: committed.serverEstimate ?? committed.estimate,
        appointment: committed.appointment,
      };
    } finally {
      if (req.scanId) deps.scanner.drop(req.scanId);
    }
  }

  /** Online within the budget; null when the ticket must be issued offline instead. */
  async #online(
    center: Center,
    req: KioskIssue,
    priorityReason: PriorityReason | undefined,
    fin: string | undefined,
  ): Promise<Committed | null> {
    const { deps } = this;
    const client = deps.client(deps.onlineBudgetMs);
    if (!client) return null;
    const id = ulid(deps.clock());
    let issued: IssuedTicket;
    try {
      issued = await client.issueTicket({
        body: {
          id,
          serviceId: req.serviceId,
          language: req.language,
          ...(priorityReason ? { priorityReason } : {}),
          ...(fin ? { fin } : {}),
        },
      });
    } catch (error) {
      if (isUnreachable(error) || isServerFault(error)) {
        deps.link.failed(error);
        // The server may have numbered it after all (a late answer): nobody will hold that
        // ticket, so it is cancelled there once the link is back. The offline one gets a new id.
        deps.journal.enqueueCancel(id, deps.clock());
        deps.logger.warn({ error: (error as Error).message }, 'online issue failed; issuing offline');
        return null;
      }
      if (error instanceof ProtocolError && (error.status === 401 || error.status === 403)) {
        deps.onUnauthorized();
        throw new KioskOutOfServiceError(
          'not-configured',
          'the server no longer accepts this kiosk: pair it again',
        );
      }
      throw error;
    }
    deps.link.succeeded();
    const { ticket } = issued;
    const estimate = issued.estimate ?? (await this.#lineWithout(center, client, req.serviceId));
    // What the line looks like now, this ticket in it: the base of offline estimates later.
    deps.knownLines.set(req.serviceId, {
      waiting: estimate.ahead + 1,
      estimate: issued.estimate,
      at: ticket.issuedAt,
    });
    try {
      deps.journal.insert({
        id: ticket.id,
        number: ticket.number,
        day: ticket.day,
        serviceId: ticket.serviceId,
        language: ticket.language,
        mode: 'online',
        issuedAt: ticket.issuedAt,
        priorityReason: priorityReason ?? null,
        leaseId: null,
        peopleAhead: estimate.ahead,
      });
    } catch (error) {
      // Not recorded here, so not printed: the server's ticket must not wait for nobody.
      await this.#cancelOnServer(ticket.id);
      throw error;
    }
    return {
      id: ticket.id,
      number: ticket.number,
      offline: false,
      issuedAt: ticket.issuedAt,
      estimate,
      serverEstimate: issued.estimate,
      appointment: issued.appointment ? issued.appointment.outcome : fin ? 'none' : null,
    };
  }

  /**
   * The server gave no estimate (no counter serves the service yet): the printed ticket still
   * needs people ahead and a wait, so ask how long the line is (this ticket now in it) and
   * derive them; when even that fails, from what was last known.
   */
  async #lineWithout(center: Center, client: CenterClient, serviceId: string): Promise<WaitEstimateView> {
    const { deps } = this;
    try {
      const info = await client.serviceEstimate({ params: { id: serviceId }, query: {} });
      const known = { waiting: Math.max(0, info.waiting - 1), estimate: null, at: deps.clock() };
      return offlineEstimate(center, serviceId, known, 0);
    } catch (error) {
      deps.link.failed(error);
      return offlineEstimate(center, serviceId, deps.knownLines.get(serviceId), 0);
    }
  }

  /** Offline: the number, the ticket and its outbox row in one transaction. */
  #offline(center: Center, req: KioskIssue, priorityReason: PriorityReason | undefined): Committed {
    const { deps } = this;
    const service = center.services.find((s) => s.id === req.serviceId)!;
    const now = deps.clock();
    const id = ulid(now);
    const day = centerDay(now, center.hours);
    const known = deps.knownLines.get(req.serviceId);
    const estimate = offlineEstimate(
      center,
      req.serviceId,
      known,
      deps.journal.offlineIssuedSince(req.serviceId, known?.at ?? now - 12 * 3_600_000),
    );
    const number = deps.db.transaction(() => {
      const taken = deps.leases.take(service.prefix, day);
      // Checked before commit: a row the server would refuse must never enter the outbox.
      const payload = OfflineTicket.parse({
        id,
        serviceId: req.serviceId,
        language: req.language,
        number: taken.number,
        issuedAt: now,
        ...(priorityReason ? { priorityReason } : {}),
        ...(taken.leaseId ? { leaseId: taken.leaseId } : {}),
      });
      deps.journal.insert({
        id,
        number: taken.number,
        day,
        serviceId: req.serviceId,
        language: req.language,
        mode: 'offline',
        issuedAt: now,
        priorityReason: priorityReason ?? null,
        leaseId: taken.leaseId ?? null,
        peopleAhead: estimate.ahead,
      });
      deps.journal.enqueueSync(payload, now);
      return taken.number;
    })();
    deps.onChange();
    return { id, number, offline: true, issuedAt: now, estimate, serverEstimate: null, appointment: null };
  }

  async #print(center: Center, req: KioskIssue, t: Committed): Promise<void> {
    const { deps } = this;
    const data = ticketPrintData({
      center,
      serviceId: req.serviceId,
      language: req.language,
      number: t.number,
      issuedAt: t.issuedAt,
      estimate: t.estimate,
      kioskName: deps.kioskName,
      trackingUrl: deps.trackingUrl(t.id),
    });
    try {
      await deps.printer.print(data);
    } catch (error) {
      const message = (error as Error).message;
      deps.logger.error({ ticket: t.number, error: message }, 'the printer refused a ticket; voiding it');
      deps.journal.markVoid(t.id, message.slice(0, 300));
      if (!t.offline) await this.#cancelOnServer(t.id);
      deps.onChange();
      const current = await deps.onPrintFailure();
      const reason = error instanceof PrinterError ? reasonOf(error) : current;
      throw new KioskOutOfServiceError(reason, `the ticket could not be printed: ${message}`);
    }
    deps.journal.markPrinted(t.id, deps.clock());
    deps.onChange();
  }

  /** Cancels an online ticket nobody holds; when the server cannot be told now, the outbox will. */
  async #cancelOnServer(ticketId: string): Promise<void> {
    const { deps } = this;
    try {
      await deps.client(deps.onlineBudgetMs)?.cancelTicket({ params: { id: ticketId } });
    } catch (error) {
      deps.link.failed(error);
      deps.journal.enqueueCancel(ticketId, deps.clock());
    }
  }
}
