import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LeaseError } from './errors';
import { formatTicketNumber, kioskFallbackPrefix, LeasePool, NumberAllocator } from './numbering';

describe('numbering', () => {
  it('formats prefix and daily sequence', () => {
    expect(formatTicketNumber('A', 42)).toBe('A-042');
    expect(formatTicketNumber('DV', 7)).toBe('DV-007');
    expect(formatTicketNumber('A', 1042)).toBe('A-1042');
    expect(kioskFallbackPrefix(3)).toBe('K3');
    expect(() => kioskFallbackPrefix(0)).toThrow(LeaseError);
  });

  it('restarts each day and never reuses a leased range', () => {
    const a = new NumberAllocator();
    expect(a.next('A', 'd1')).toBe(1);
    const lease = a.lease('l1', 'kiosk-1', 'A', 'd1', 50);
    expect(lease).toMatchObject({ first: 2, last: 51 });
    expect(a.next('A', 'd1')).toBe(52);
    expect(a.next('A', 'd2')).toBe(1);
    const restored = new NumberAllocator(a.snapshot());
    expect(restored.next('A', 'd1')).toBe(53);
  });

  it('tells the next number and the next block without taking them', () => {
    const a = new NumberAllocator();
    expect(a.peek('A', 'd1')).toBe(1);
    expect(a.planLease('l1', 'k', 'A', 'd1', 10)).toEqual(a.lease('l1', 'k', 'A', 'd1', 10));
    expect(a.peek('A', 'd1')).toBe(11);
    expect(a.peek('A', 'd1')).toBe(a.next('A', 'd1'));
    expect(() => a.planLease('l2', 'k', 'A', 'd1', 0)).toThrow(LeaseError);
    expect(a.snapshot()).toEqual({ d1: { A: 12 } });
  });

  it('hands out a kiosk pool in order, per prefix and day, and survives a restart', () => {
    const a = new NumberAllocator();
    const pool = new LeasePool([a.lease('l1', 'k', 'A', 'd1', 2), a.lease('l2', 'k', 'A', 'd1', 2)]);
    expect(pool.take('A', 'd1')?.seq).toBe(1);
    expect(pool.remaining('A', 'd1')).toBe(3);
    const resumed = new LeasePool(pool.leases(), pool.cursors());
    expect([
      resumed.take('A', 'd1')?.seq,
      resumed.take('A', 'd1')?.seq,
      resumed.take('A', 'd1')?.seq,
    ]).toEqual([2, 3, 4]);
    expect(resumed.take('A', 'd1')).toBeNull();
    expect(resumed.take('A', 'd2')).toBeNull();
    resumed.prune('d1');
    expect(resumed.leases()).toHaveLength(0);
  });

  it('property: numbers are unique across online issues, leases, kiosks, restarts and days', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('online' as const), prefix: fc.constantFrom('A', 'B'), day: fc.nat(2) }),
      fc.record({
        kind: fc.constant('lease' as const),
        kiosk: fc.nat(2),
        prefix: fc.constantFrom('A', 'B'),
        day: fc.nat(2),
        size: fc.integer({ min: 1, max: 5 }),
      }),
      fc.record({
        kind: fc.constant('offline' as const),
        kiosk: fc.nat(2),
        prefix: fc.constantFrom('A', 'B'),
        day: fc.nat(2),
      }),
      fc.record({ kind: fc.constant('restart' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        let server = new NumberAllocator();
        const pools = [new LeasePool(), new LeasePool(), new LeasePool()];
        const fallback = [0, 0, 0];
        const issued = new Set<string>();
        const record = (day: number, number: string) => {
          const key = `${day}/${number}`;
          expect(issued.has(key), `${key} issued twice`).toBe(false);
          issued.add(key);
        };
        let leaseId = 0;
        for (const o of ops) {
          if (o.kind === 'online')
            record(o.day, formatTicketNumber(o.prefix, server.next(o.prefix, `d${o.day}`)));
          else if (o.kind === 'lease')
            pools[o.kiosk]!.add(server.lease(`l${leaseId++}`, `k${o.kiosk}`, o.prefix, `d${o.day}`, o.size));
          else if (o.kind === 'offline') {
            const taken = pools[o.kiosk]!.take(o.prefix, `d${o.day}`);
            // No lease left: the kiosk issues with its own prefix and its own sequence.
            const number = taken
              ? formatTicketNumber(o.prefix, taken.seq)
              : formatTicketNumber(kioskFallbackPrefix(o.kiosk + 1), ++fallback[o.kiosk]!);
            record(o.day, number);
          } else {
            server = new NumberAllocator(server.snapshot());
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
