/**
 * The kiosk page's only door to the main process: `window.novbeKiosk`, with `invoke` (the agent's
 * methods, nothing else) and `subscribe` (agent events). Runs sandboxed: bundled to preload.cjs,
 * whose only `require` is 'electron'.
 */
import type { KioskBridge, KioskEvent, KioskHandlers } from '@novbe/protocol';
import { agentBridge, exposeBridge } from '@novbe/appliance/preload';
import { KIOSK_METHODS } from './kiosk-methods';

export const BRIDGE_NAME = 'novbeKiosk';

const bridge = agentBridge<KioskHandlers, KioskEvent>(
  KIOSK_METHODS,
  'the kiosk agent is not reachable',
) satisfies KioskBridge;

exposeBridge(BRIDGE_NAME, bridge);
