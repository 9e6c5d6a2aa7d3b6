import type { CenterService } from '../center/center-service';
import type { HallFilter } from '../event-hub';
import type { DevicePrincipal, StaffPrincipal } from '../principal';

/** The halls a watcher sees: staff all, a display its own (all when unset), a board its counter's. */
export function hallsOf(
  service: CenterService,
  p: StaffPrincipal | DevicePrincipal<'display' | 'counter-board'>,
): HallFilter {
  if (p.kind === 'staff') return null;
  if (p.role === 'display') return p.hallIds;
  return p.counterId === null ? [] : [service.counter(p.counterId).hallId];
}
