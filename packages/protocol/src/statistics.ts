import { LocalizedText } from '@novbe/core';
import { z } from 'zod';
import { CalendarDate, Instant, Language } from './common';

/** A half-open span of time, `from` ≤ event `at` < `to`, in ms since the epoch. */
export const StatisticsRange = z.object({ from: Instant, to: Instant });
export type StatisticsRange = z.infer<typeof StatisticsRange>;

const count = z.number().int().nonnegative();
const minutes = z.number().nonnegative();
const share = z.number().min(0).max(1);

export const TicketTotals = z.object({
  /** `ticket.issued` events in the range (an offline ticket counts when the server got it). */
  issued: count,
  /** Tickets called for the first time: the end of their wait. */
  called: count,
  served: count,
  noShows: count,
  cancelled: count,
  /** `ticket.transferred` events: a ticket sent on twice counts twice. */
  transferred: count,
  recalls: count,
  /** Of the tickets issued in the range: still waiting at `to` (including after a transfer). */
  stillWaiting: count,
  /** Of the tickets issued in the range: called or being served at `to`. */
  atCounter: count,
  /**
   * Of the tickets issued in the range: left waiting or at a counter when their center day
   * ended. The server starts every day afresh, so nobody can call them any more.
   */
  unserved: count,
  offlineIssued: count,
  /** offlineIssued ÷ issued, 0 when nothing was issued. */
  offlineShare: share,
});
export type TicketTotals = z.infer<typeof TicketTotals>;

export const ServiceStatistics = z.object({
  serviceId: z.string(),
  code: z.string(),
  name: LocalizedText,
  /** Tickets issued for the service in the range. */
  tickets: count,
  /** First calls in the range: the waits the figures below describe. */
  called: count,
  /** Calls for this service that ended in `ticket.finished` (a transferred ticket counts where it ended). */
  served: count,
  noShows: count,
  /** noShows ÷ calls for this service that ended (finished, no-show or transferred). */
  noShowRate: share,
  /** Issue to first call, minutes. */
  meanWaitMin: minutes,
  medianWaitMin: minutes,
  p90WaitMin: minutes,
  /** Call to finish, no-show or transfer, minutes: the time a counter spent on the ticket. */
  meanHandlingMin: minutes,
});
export type ServiceStatistics = z.infer<typeof ServiceStatistics>;

export const CounterStatistics = z.object({
  counterId: z.string(),
  number: z.number().int(),
  calls: count,
  served: count,
  noShows: count,
  meanHandlingMin: minutes,
  /** Time holding a ticket (called or serving), within the range. */
  busyMin: minutes,
  /** Time open within the range; a pause counts only while a ticket is still in hand. */
  openMin: minutes,
  /** busy ÷ open, 0 when never open. */
  utilisation: z.number().nonnegative(),
});
export type CounterStatistics = z.infer<typeof CounterStatistics>;

export const StaffStatistics = z.object({
  staffId: z.string(),
  /** The name in the center's configuration, or the id for someone no longer there. */
  name: z.string(),
  calls: count,
  served: count,
  meanHandlingMin: minutes,
});
export type StaffStatistics = z.infer<typeof StaffStatistics>;

export const HourStatistics = z.object({
  /** Hour of the day at the center, 0–23; rows of a multi-day range add the days up. */
  hour: z.number().int().min(0).max(23),
  issued: count,
  /** Tickets called for the first time in this hour. */
  called: count,
  /** How long those tickets had waited. */
  meanWaitMin: minutes,
});
export type HourStatistics = z.infer<typeof HourStatistics>;

/** The center's figures for a time range, derived from the event log alone. */
export const Statistics = z.object({
  range: StatisticsRange,
  timeZone: z.string(),
  totals: TicketTotals,
  /** Every configured service (then any unknown one the log names), in configuration order. */
  services: z.array(ServiceStatistics),
  /** Every configured counter (then any unknown one), by number. */
  counters: z.array(CounterStatistics),
  /** Staff who opened a counter or handled a call; calls with no staff known are left out. */
  staff: z.array(StaffStatistics),
  /** From the first to the last hour with activity, gaps included, so charts keep their scale. */
  hours: z.array(HourStatistics),
});
export type Statistics = z.infer<typeof Statistics>;

/** Which statistics: a center day (today when absent) or an explicit range of instants. */
export const StatisticsQuery = z.object({
  date: CalendarDate.optional(),
  from: z.coerce.number().pipe(Instant).optional(),
  to: z.coerce.number().pipe(Instant).optional(),
  /** The language of service names in CSV. */
  language: Language.default('az'),
});
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

/** The tables of `Statistics` that export as CSV. */
export const StatisticsTable = z.enum(['services', 'counters', 'staff', 'hours']);
export type StatisticsTable = z.infer<typeof StatisticsTable>;

export const StatisticsCsvParams = z.object({ table: StatisticsTable });
