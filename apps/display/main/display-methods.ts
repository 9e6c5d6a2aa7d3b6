import type { DisplayHandlers } from '@novbe/protocol';
import { agentMethods } from '@novbe/appliance/methods';

/**
 * The display agent's method names at run time: the preload and the IPC carrier refuse anything
 * else before it reaches the agent. A method added to `DisplayHandlers` but not listed here fails
 * the build.
 */
export const DISPLAY_METHODS = agentMethods<DisplayHandlers>()(['screen-setup', 'screen-pair']);
