/**
 * The display page's only door to the main process: `window.novbeDisplay`, with `invoke` (the
 * agent's methods, nothing else) and `subscribe` (agent events). Runs sandboxed: bundled to
 * preload.cjs, whose only `require` is 'electron'.
 */
import type { DisplayBridge, DisplayEvent, DisplayHandlers } from '@novbe/protocol';
import { agentBridge, exposeBridge } from '@novbe/appliance/preload';
import { DISPLAY_METHODS } from './display-methods';

export const BRIDGE_NAME = 'novbeDisplay';

const bridge = agentBridge<DisplayHandlers, DisplayEvent>(
  DISPLAY_METHODS,
  'the display agent is not reachable',
) satisfies DisplayBridge;

exposeBridge(BRIDGE_NAME, bridge);
