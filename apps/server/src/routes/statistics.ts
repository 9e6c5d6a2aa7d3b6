import { centerDay, centerDayBounds } from '@novbe/core';
import { ReasonCode, type Statistics, type StatisticsQuery } from '@novbe/protocol';
import type { RoutePlugin, ServerContext } from '../context';
import { HttpError } from '../errors';
import { computeStatistics } from '../statistics/compute';
import { statisticsToCsv } from '../statistics/csv';
import { handle } from './route';

/** Statistics, derived from the event log, and the audit of the log itself. */
export const statisticsRoutes: RoutePlugin = async (app, { ctx }) => {
  handle(app, 'statistics', ({ query }) => statisticsFor(ctx, query));

  handle(app, 'statisticsCsv', ({ params, query, reply }) => {
    void reply.header('content-disposition', `attachment; filename="novbe-${params.table}.csv"`);
    return statisticsToCsv(statisticsFor(ctx, query), params.table, query.language);
  });

  handle(app, 'verifyAudit', () => ctx.audit.verify());
};

/** The figures of a center day (today by default) or of an explicit range, up to now. */
function statisticsFor({ service, clock }: ServerContext, q: StatisticsQuery): Statistics {
  const { hours } = service.center;
  const now = clock();
  const day = centerDayBounds(q.date ?? centerDay(q.from ?? now, hours), hours);
  // The first center day of 1970 begins before the epoch in zones east of UTC: nothing was logged then.
  const from = q.from ?? Math.max(0, day.start);
  const to = Math.min(q.to ?? day.end, now);
  if (from > to) throw new HttpError(400, ReasonCode.BadRequest, 'from: must not be after to');
  // Replay from the start of the center day holding `from`, so state carried into the range is known.
  const events = service.eventsFrom(centerDayBounds(centerDay(from, hours), hours).start);
  return computeStatistics(events, service.center, { from, to });
}
