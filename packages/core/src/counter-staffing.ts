import type { CenterIndex, Staff } from './center';
import { CounterNotPermittedError, UnknownEntityError } from './errors';

/**
 * The agencies whose services a counter serves. A counter calls tickets of all its services,
 * so whoever works it serves citizens of each of these agencies.
 */
export function counterAgencies(index: CenterIndex, counterId: string): ReadonlySet<string> {
  const counter = index.counters.get(counterId);
  if (!counter) throw new UnknownEntityError('counter', counterId);
  return new Set(counter.services.map((s) => index.services.get(s.serviceId)!.agencyId));
}

/**
 * Why `staff` may not work a counter, or null when they may. The rule:
 * - only operators work counters;
 * - staff of an agency work only counters whose every service is their agency's (a counter
 *   with one foreign service would call another agency's citizens to them);
 * - staff with no agency, the center's own, may work any counter.
 */
export function counterRefusal(index: CenterIndex, staff: Staff, counterId: string): string | null {
  if (!staff.roles.includes('operator')) return `${staff.name} is not an operator`;
  if (staff.agencyId === undefined) return null;
  const foreign = [...counterAgencies(index, counterId)].filter((a) => a !== staff.agencyId);
  if (foreign.length === 0) return null;
  const number = index.counters.get(counterId)!.number;
  return `${staff.name} works for ${staff.agencyId}; counter ${number} serves ${foreign.join(', ')}`;
}

/**
 * Checks that a staff member may work a counter (see `counterRefusal`); throws
 * `UnknownEntityError` for a staff id the configuration lacks, `CounterNotPermittedError` when
 * the rule refuses.
 */
export function assertMayWorkCounter(index: CenterIndex, staffId: string, counterId: string): Staff {
  const staff = index.center.staff.find((s) => s.id === staffId);
  if (!staff) throw new UnknownEntityError('staff', staffId);
  const refusal = counterRefusal(index, staff, counterId);
  if (refusal !== null) throw new CounterNotPermittedError(counterId, staffId, refusal);
  return staff;
}
