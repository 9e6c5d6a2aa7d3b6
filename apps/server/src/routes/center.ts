import type { RoutePlugin } from '../context';
import { handle } from './route';

/** The center's configuration: read by every principal, replaced by the admin. */
export const centerRoutes: RoutePlugin = async (app, { ctx }) => {
  const { service, settings } = ctx;

  handle(app, 'center', ({ principal }) => {
    const seesStaff =
      principal.kind === 'staff' && principal.roles.some((r) => r === 'admin' || r === 'supervisor');
    // Devices get what they show; staff data stays with supervisors and admins.
    return seesStaff ? service.center : { ...service.center, staff: [] };
  });

  handle(app, 'setCenter', ({ body }) => {
    service.reconfigure(body, () => settings.set('center', JSON.stringify(body)));
    return service.center;
  });
};
