import { ReasonCode } from '@novbe/protocol';
import type { RoutePlugin } from '../context';
import { HttpError } from '../errors';
import { hallsOf } from './halls';
import { handle } from './route';

/** Counters: commands from the operator at a counter or its keypad, and what screens read. */
export const counterRoutes: RoutePlugin = async (app, { ctx }) => {
  const { service } = ctx;

  handle(app, 'counterCommand', ({ principal, params, body }) => {
    if (principal.kind === 'staff') return service.counterCommand(params.id, principal.id, body);
    if (principal.counterId !== params.id)
      throw new HttpError(403, ReasonCode.Forbidden, 'a device may command only its own counter');
    if (body.action === 'open' && service.counter(params.id).status === 'closed')
      throw new HttpError(403, ReasonCode.Forbidden, 'staff open a counter by logging in');
    return service.counterCommand(params.id, null, body);
  });

  handle(app, 'takeOverCounter', ({ principal, params, body }) =>
    service.takeOver(params.id, principal.id, body.staffId ?? principal.id),
  );

  handle(app, 'counters', ({ principal }) => service.counters(hallsOf(service, principal)));

  handle(app, 'snapshot', ({ principal }) => service.snapshot(hallsOf(service, principal)));
};
