import type { Center } from '@novbe/core';
import type { KioskCatalog } from '@novbe/protocol';

/** What the touchscreen shows of a center: agencies and services, no staff, counters or rules. */
export function catalogOf(center: Center): KioskCatalog {
  return {
    centerName: center.name,
    timeZone: center.hours.timeZone,
    agencies: center.agencies.map(({ id, name, kind }) => ({ id, name, kind })),
    services: center.services.map((s) => ({
      id: s.id,
      agencyId: s.agencyId,
      name: s.name,
      documents: s.documents,
      requiresIdCard: s.requiresIdCard,
      takesAppointments: s.appointmentSlotMin !== undefined,
    })),
  };
}
