import {
  arrivalWindowStatus,
  centerInstant,
  localTime,
  minutesOf,
  type ArrivalWindowStatus,
} from '@novbe/core';
import { ReasonCode, type AppointmentView, type BookAppointment, type FreeSlots } from '@novbe/protocol';
import type { Db } from '@novbe/store';
import { createHmac, randomUUID } from 'node:crypto';
import type { CenterService } from './center/center-service';
import type { Clock } from './center/errors';
import { HttpError } from './errors';
import { AppointmentRepository, type AppointmentRow } from './repositories/appointments';

const view = (r: AppointmentRow, window?: ArrivalWindowStatus): AppointmentView => ({
  id: r.id,
  serviceId: r.service_id,
  slotAt: r.slot_at,
  status: r.status,
  ...(window ? { window } : {}),
});

/**
 * Appointments: booked by the call center or the portal, found at the kiosk by the FIN on
 * the ID card. The FIN is stored and compared only as an HMAC under the center's own key, so
 * the table cannot be turned back into personal numbers without that key.
 */
export class AppointmentBook {
  readonly #rows: AppointmentRepository;

  constructor(
    db: Db,
    private readonly service: CenterService,
    private readonly finKey: string,
    private readonly clock: Clock,
  ) {
    this.#rows = new AppointmentRepository(db);
  }

  finHash(fin: string): string {
    return createHmac('sha256', this.finKey).update(fin.toUpperCase()).digest('hex');
  }

  /** The slot starts of a service on a date, with how many places are left. */
  freeSlots(serviceId: string, date: string): FreeSlots {
    const { service, slotMs, capacity } = this.#bookable(serviceId);
    const center = this.service.center;
    const weekday = localTime(
      centerInstant(date, '12:00', center.hours.timeZone),
      center.hours.timeZone,
    ).weekday;
    const hours = center.hours.week[weekday];
    if (!hours) return { serviceId, slots: [] };
    const open = centerInstant(date, hours.open, center.hours.timeZone);
    const count = Math.floor(((minutesOf(hours.close) - minutesOf(hours.open)) * 60_000) / slotMs);
    const taken = this.#rows.takenPerSlot(service.id, open, open + count * slotMs);
    const now = this.clock();
    const slots = [];
    for (let i = 0; i < count; i++) {
      const at = open + i * slotMs;
      if (at > now) slots.push({ at, free: Math.max(0, capacity - (taken.get(at) ?? 0)) });
    }
    return { serviceId, slots };
  }

  book(bookedBy: string, req: BookAppointment): AppointmentView {
    const { slotMs } = this.#bookable(req.serviceId);
    const date = localTime(req.slotAt, this.service.center.hours.timeZone).date;
    const slot = this.freeSlots(req.serviceId, date).slots.find((s) => s.at === req.slotAt);
    if (!slot)
      throw new HttpError(
        400,
        ReasonCode.BadRequest,
        `slotAt: not a future ${slotMs / 60_000}-minute slot of this service`,
      );
    if (slot.free === 0) throw new HttpError(409, ReasonCode.Conflict, 'that slot is fully booked');
    const finHash = this.finHash(req.fin);
    if (this.#rows.holds(finHash, req.serviceId, req.slotAt))
      throw new HttpError(409, ReasonCode.Conflict, 'this citizen already holds that slot');
    const id = randomUUID();
    const now = this.clock();
    this.service.commit(
      [
        {
          type: 'appointment.booked',
          hallId: null,
          appointmentId: id,
          serviceId: req.serviceId,
          slotAt: req.slotAt,
          ticketId: null,
        },
      ],
      now,
      () =>
        this.#rows.insert({
          id,
          serviceId: req.serviceId,
          slotAt: req.slotAt,
          finHash,
          bookedAt: now,
          bookedBy,
        }),
    );
    return { id, serviceId: req.serviceId, slotAt: req.slotAt, status: 'booked' };
  }

  /** Today's booked appointments of a citizen, each with whether check-in is open now. */
  lookup(fin: string): AppointmentView[] {
    this.releaseMissed();
    const now = this.clock();
    const rows = this.#rows.bookedFor(this.finHash(fin), now - 12 * 3_600_000, now + 12 * 3_600_000);
    const window = this.service.center.rules.appointmentWindow;
    return rows.map((r) => view(r, arrivalWindowStatus(r.slot_at, now, window)));
  }

  /** The appointment a citizen checks in for at the kiosk, with where they stand. */
  findForCheckIn(
    fin: string,
    serviceId: string,
  ): { appointment: AppointmentView; window: ArrivalWindowStatus } | null {
    const found = this.lookup(fin).find((a) => a.serviceId === serviceId);
    return found ? { appointment: found, window: found.window! } : null;
  }

  /** Slots whose arrival window has closed are released (the place goes back to walk-ins). */
  releaseMissed(): number {
    const now = this.clock();
    const cutoff = now - this.service.center.rules.appointmentWindow.lateMin * 60_000;
    const missed = this.#rows.bookedBefore(cutoff);
    if (missed.length === 0) return 0;
    this.service.commit(
      missed.map((r) => ({
        type: 'appointment.released' as const,
        hallId: null,
        appointmentId: r.id,
        serviceId: r.service_id,
        slotAt: r.slot_at,
        ticketId: null,
      })),
      now,
      () => this.#rows.release(missed.map((r) => r.id)),
    );
    return missed.length;
  }

  /** SQL run with a check-in, in the ticket's own transaction. */
  markCheckedIn(appointmentId: string, ticketId: string): void {
    this.#rows.markCheckedIn(appointmentId, ticketId);
  }

  #bookable(serviceId: string) {
    const service = this.service.index.services.get(serviceId);
    if (!service) throw new HttpError(404, ReasonCode.UnknownEntity, `unknown service "${serviceId}"`);
    if (!service.appointmentSlotMin)
      throw new HttpError(400, ReasonCode.BadRequest, `service ${service.code} takes no appointments`);
    return {
      service,
      slotMs: service.appointmentSlotMin * 60_000,
      capacity: this.service.index.countersByService.get(serviceId)?.length ?? 1,
    };
  }
}
