import { InvalidTicketError, type NumberLease } from '@novbe/core';
import { randomUUID } from 'node:crypto';
import type { CommandContext, CommandOutcome } from './context';

/** Reserves blocks of numbers for a kiosk's offline issuing, one per service prefix. */
export function leaseNumbers(
  ctx: CommandContext,
  kioskId: string,
  serviceIds: readonly string[],
  size: number,
): CommandOutcome<NumberLease[]> {
  const prefixes = new Set<string>();
  for (const id of serviceIds) {
    const s = ctx.index.services.get(id);
    if (!s) throw new InvalidTicketError('-', `unknown service "${id}"`);
    prefixes.add(s.prefix);
  }
  // One block per prefix, so no two blocks of this request overlap.
  const leases = [...prefixes].map((prefix) =>
    ctx.numbers.planLease(randomUUID(), kioskId, prefix, ctx.day, size),
  );
  return {
    events: leases.map((lease) => ({ type: 'lease.granted' as const, hallId: null, lease })),
    answer: () => leases,
  };
}
