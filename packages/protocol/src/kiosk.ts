import { z } from 'zod';
import type { AgentBridge } from './agent-rpc';
import { Id, Instant, Language, PriorityReason } from './common';
import { WaitEstimateView } from './tickets';

/** Why the kiosk cannot print a ticket now; the renderer shows its out-of-service screen. */
export const OutOfServiceReason = z.enum([
  'paper-out',
  'cover-open',
  'printer-offline',
  'printer-error',
  'no-capacity', // no server and no offline capacity
  'not-configured', // not paired, or no center configuration cached yet
]);
export type OutOfServiceReason = z.infer<typeof OutOfServiceReason>;

export const KioskStatus = z.object({
  inService: z.boolean(),
  reason: OutOfServiceReason.nullable(),
  /** Whether the center server answers; offline the kiosk issues from leased numbers. */
  link: z.enum(['online', 'offline']),
  printer: z.enum(['ready', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'error']),
  cardReader: z.enum(['ready', 'absent']),
  /** Offline tickets waiting to reach the server. */
  outbox: z.number().int().nonnegative(),
});
export type KioskStatus = z.infer<typeof KioskStatus>;

/** What the touchscreen shows: the center's agencies and services (no staff data). */
export const LocalizedText = z.object({ az: z.string(), ru: z.string(), en: z.string() });
export const KioskCatalog = z.object({
  centerName: LocalizedText,
  timeZone: z.string(),
  agencies: z.array(z.object({ id: Id, name: LocalizedText, kind: z.enum(['government', 'private']) })),
  services: z.array(
    z.object({
      id: Id,
      agencyId: Id,
      name: LocalizedText,
      documents: z.array(LocalizedText),
      requiresIdCard: z.boolean(),
      takesAppointments: z.boolean(),
    }),
  ),
});
export type KioskCatalog = z.infer<typeof KioskCatalog>;

export const ServiceInfo = z.object({
  serviceId: Id,
  /** People waiting for this service now (null when offline and unknown). */
  waiting: z.number().int().nonnegative().nullable(),
  estimate: WaitEstimateView.nullable(),
});
export type ServiceInfo = z.infer<typeof ServiceInfo>;

/**
 * The outcome of an ID-card scan. The card's FIN and names stay in the agent's memory for
 * this one transaction (`scanId`); the renderer learns only what it must show.
 */
export const CardScan = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('read'),
    scanId: z.string(),
    /** Today's appointment for this citizen, if any. */
    appointment: z
      .object({ serviceId: Id, slotAt: Instant, window: z.enum(['early', 'on-time', 'late']) })
      .nullable(),
    /** A priority entitlement read from the card (age). */
    entitlement: PriorityReason.nullable(),
  }),
  z.object({
    status: z.literal('rejected'),
    reason: z.enum(['garbled', 'partial', 'bad-check-digit', 'expired', 'not-an-id-card', 'bad-fin']),
  }),
  z.object({ status: z.enum(['timeout', 'cancelled']) }),
]);
export type CardScan = z.infer<typeof CardScan>;

export const KioskIssue = z.object({
  serviceId: Id,
  language: Language,
  /** From a card scan: check in to its appointment, or use its entitlement. */
  scanId: z.string().optional(),
  /** Declared at the kiosk (e.g. a citizen with a disability); staff may verify at the counter. */
  priorityReason: PriorityReason.optional(),
});
export type KioskIssue = z.infer<typeof KioskIssue>;

export const KioskTicket = z.object({
  id: z.string(),
  number: z.string(),
  serviceId: Id,
  language: Language,
  issuedAt: Instant,
  /** Issued from leased numbers while the server was out of reach. */
  offline: z.boolean(),
  peopleAhead: z.number().int().nonnegative().nullable(),
  estimate: WaitEstimateView.nullable(),
  appointment: z.enum(['checked-in', 'early', 'late', 'none']).nullable(),
});
export type KioskTicket = z.infer<typeof KioskTicket>;

/** The kiosk agent's API: one handler map, carried by Electron IPC or a local WebSocket. */
export type KioskHandlers = {
  'kiosk-status': () => Promise<KioskStatus>;
  'kiosk-catalog': () => Promise<KioskCatalog>;
  'service-info': (serviceId: string) => Promise<ServiceInfo>;
  /** Waits for a card to be presented (or the timeout / `card-cancel`). */
  'card-scan': (params: { timeoutMs: number }) => Promise<CardScan>;
  'card-cancel': () => Promise<void>;
  /** Commits the ticket locally, then prints it; resolves once the printer confirmed. */
  'ticket-issue': (params: KioskIssue) => Promise<KioskTicket>;
};

export type KioskEvent = { type: 'status'; status: KioskStatus };

/** What the kiosk preload exposes as `window.novbeKiosk`, and what `connectAgent` returns. */
export type KioskBridge = AgentBridge<KioskHandlers, KioskEvent>;
