import type { KioskHandlers } from '@novbe/protocol';

/**
 * The kiosk agent's method names at run time. `KioskHandlers` is a type, erased at build; the
 * preload and the IPC carrier need the list to refuse anything else before it reaches the agent.
 */
export const KIOSK_METHODS = [
  'kiosk-status',
  'kiosk-catalog',
  'service-info',
  'card-scan',
  'card-cancel',
  'ticket-issue',
] as const satisfies readonly (keyof KioskHandlers)[];

export type KioskMethod = (typeof KIOSK_METHODS)[number];

// A method added to `KioskHandlers` but not listed above fails the build here.
type Missing = Exclude<keyof KioskHandlers, KioskMethod>;
const _exhaustive: [Missing] extends [never] ? true : { missing: Missing } = true;
void _exhaustive;

const known: ReadonlySet<string> = new Set(KIOSK_METHODS);

/** Whether a value names one of the kiosk agent's methods. */
export function isKioskMethod(method: unknown): method is KioskMethod {
  return typeof method === 'string' && known.has(method);
}
