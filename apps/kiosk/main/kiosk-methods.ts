import type { KioskHandlers } from '@novbe/protocol';
import { agentMethods } from '@novbe/appliance/methods';

/**
 * The kiosk agent's method names at run time: the preload and the IPC carrier refuse anything
 * else before it reaches the agent. A method added to `KioskHandlers` but not listed here fails
 * the build.
 */
export const KIOSK_METHODS = agentMethods<KioskHandlers>()([
  'kiosk-status',
  'kiosk-catalog',
  'service-info',
  'card-scan',
  'card-cancel',
  'ticket-issue',
]);

export type KioskMethod = (typeof KIOSK_METHODS.names)[number];
