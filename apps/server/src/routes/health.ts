import { PROTOCOL_VERSION } from '@novbe/protocol';
import type { RoutePlugin } from '../context';
import { handle } from './route';

/**
 * `/health` for supervisors of the process, `/metrics` for Prometheus, and the events of the
 * log kept aside for the center's supervisors and admins.
 */
export const healthRoutes: RoutePlugin = async (app, { ctx }) => {
  handle(app, 'health', () => {
    const quarantined = ctx.service.quarantined().length;
    return {
      status: quarantined ? 'degraded' : 'ok',
      protocol: PROTOCOL_VERSION,
      seq: ctx.service.lastSeq(),
      quarantined,
    };
  });
  handle(app, 'metrics', () => ctx.metrics.registry.metrics());
  handle(app, 'quarantinedEvents', () => ({ events: ctx.service.quarantined() }));
};
