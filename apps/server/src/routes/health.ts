import { PROTOCOL_VERSION } from '@novbe/protocol';
import type { RoutePlugin } from '../context';
import { handle } from './route';

/** `/health` for supervisors of the process, `/metrics` for Prometheus. */
export const healthRoutes: RoutePlugin = async (app, { ctx }) => {
  handle(app, 'health', () => ({ status: 'ok', protocol: PROTOCOL_VERSION, seq: ctx.service.lastSeq() }));
  handle(app, 'metrics', () => ctx.metrics.registry.metrics());
};
