import { centerDay, type Center } from '@novbe/core';
import type { CenterClient } from '@novbe/protocol';
import type { Logger } from 'pino';
import type { LeaseBook } from './lease-book';

/**
 * Keeps a leased block per service prefix for today, asking the server for more when a
 * prefix falls under half a block; other days' blocks are dropped. Returns the prefixes topped up.
 */
export async function topUpLeases(deps: {
  readonly center: Center;
  readonly client: CenterClient;
  readonly leases: LeaseBook;
  readonly leaseSize: number;
  readonly now: number;
  readonly logger: Logger;
}): Promise<string[]> {
  const { center, leases, leaseSize } = deps;
  const day = centerDay(deps.now, center.hours);
  leases.prune(day);
  // The server leases per prefix; one service stands for each prefix that runs low.
  const low = new Map<string, string>();
  for (const s of center.services)
    if (!low.has(s.prefix) && leases.remaining(s.prefix, day) < Math.ceil(leaseSize / 2))
      low.set(s.prefix, s.id);
  if (low.size === 0) return [];
  const serviceIds = [...low.values()];
  for (let i = 0; i < serviceIds.length; i += 100) {
    const { leases: granted } = await deps.client.leaseNumbers({
      body: {
        serviceIds: serviceIds.slice(i, i + 100),
        size: leaseSize,
      },
    });
    leases.add(granted, deps.now);
  }
  deps.logger.info({ prefixes: [...low.keys()], size: leaseSize }, 'number leases topped up');
  return [...low.keys()];
}
