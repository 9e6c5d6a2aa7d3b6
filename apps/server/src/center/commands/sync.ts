import { centerDay, PriorityClass, type Service } from '@novbe/core';
import type { EventBody, OfflineTicket, SyncResult } from '@novbe/protocol';
import type { CommandContext, CommandOutcome } from './context';

/** Offline tickets may carry a clock a little ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Tickets a kiosk issued offline. Each is taken at its issue time (it keeps its place in the
 * line); one already known is a duplicate (a replayed outbox), never a second ticket. The
 * batch is decided whole before any of it is committed: a failure anywhere leaves none of it.
 */
export function syncOfflineTickets(
  ctx: CommandContext,
  kioskId: string,
  tickets: readonly OfflineTicket[],
): CommandOutcome<SyncResult> {
  const results: SyncResult['results'] = [];
  const events: EventBody[] = [];
  const idsInBatch = new Set<string>();
  const numbersInBatch = new Set<string>();
  for (const t of [...tickets].sort((a, b) => a.issuedAt - b.issuedAt)) {
    if (ctx.queue.ticket(t.id) || ctx.tickets.has(t.id) || idsInBatch.has(t.id)) {
      results.push({ id: t.id, outcome: 'duplicate' });
      continue;
    }
    if (ctx.tickets.wasCancelledUnseen(t.id)) {
      results.push({ id: t.id, outcome: 'rejected', reason: 'cancelled by its kiosk' });
      continue;
    }
    const day = centerDay(t.issuedAt, ctx.index.center.hours);
    const [prefix, digits] = t.number.split('-') as [string, string];
    const service = ctx.index.services.get(t.serviceId);
    if (!service) {
      results.push({ id: t.id, outcome: 'rejected', reason: `unknown service "${t.serviceId}"` });
      continue;
    }
    const reason = refusal(ctx, t, service, day, prefix, numbersInBatch);
    if (reason) {
      results.push({ id: t.id, outcome: 'rejected', reason });
      continue;
    }
    idsInBatch.add(t.id);
    numbersInBatch.add(t.number);
    const ticket = {
      id: t.id,
      number: t.number,
      prefix,
      seq: Number(digits),
      day,
      serviceId: service.id,
      language: t.language,
      priority: t.priorityReason ? PriorityClass.Priority : PriorityClass.Regular,
      priorityReason: t.priorityReason ?? null,
      appointmentAt: null,
      issuedAt: t.issuedAt,
      kioskId,
      offline: true,
    };
    ctx.queue.checkIssue(ticket);
    events.push({ type: 'ticket.issued', hallId: service.hallId, ticket });
    results.push({ id: t.id, outcome: 'accepted' });
  }
  return { events, answer: () => ({ results }) };
}

/** Why an offline ticket of a known service cannot be taken, or null. */
function refusal(
  ctx: CommandContext,
  t: OfflineTicket,
  service: Service,
  day: string,
  prefix: string,
  numbersInBatch: ReadonlySet<string>,
): string | null {
  if (t.issuedAt > ctx.now + CLOCK_SKEW_MS) return 'issued in the future';
  if (day !== ctx.day) return `issued on another center day (${day})`;
  // A kiosk prefix (no lease left) is the kiosk's own; a service prefix must be this service's.
  if (/^[A-Z]+$/.test(prefix) && prefix !== service.prefix)
    return `number ${t.number} does not belong to service ${service.code}`;
  if (ctx.tickets.numberTaken(day, t.number) || numbersInBatch.has(t.number))
    return `number ${t.number} is already taken today`;
  return null;
}
