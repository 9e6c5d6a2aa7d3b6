/**
 * What an appliance's preload runs: it exposes one object on the page's `window` with `invoke`
 * (the agent's methods, nothing else) and `subscribe` (agent events), never `ipcRenderer` or the
 * IPC event. The preload runs sandboxed, bundled to one CommonJS file whose only `require` is
 * 'electron': no value is imported here but from './agent-methods' (which imports none).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AgentBridge, HandlerMap, IPC_EVENT, IPC_INVOKE } from '@novbe/protocol';
import type { AgentMethods } from './agent-methods';

// The channel names are protocol's constants, checked by type: importing their values would
// bundle all of @novbe/protocol and zod (≈450 KB) into a script parsed before every page load.
const INVOKE: typeof IPC_INVOKE = 'novbe:invoke';
const EVENT: typeof IPC_EVENT = 'novbe:event';

/**
 * The bridge object (not yet exposed): `invoke` refuses a name not in `methods` without asking
 * the main process, and answers a Result even when the main process has no handler.
 */
export function agentBridge<H extends HandlerMap, E>(
  methods: AgentMethods,
  unreachable = 'the agent is not reachable',
): AgentBridge<H, E> {
  const bridge: AgentBridge<HandlerMap, E> = {
    invoke(method, ...params) {
      if (!methods.has(method))
        return Promise.resolve({
          ok: false,
          error: { code: 'not-found', message: `no method ${String(method).slice(0, 64)}` },
        });
      // Every call answers a Result: a missing main-process handler becomes one too.
      return ipcRenderer.invoke(INVOKE, method, params[0]).catch(() => ({
        ok: false,
        error: { code: 'internal', message: unreachable },
      }));
    },
    subscribe(listener) {
      if (typeof listener !== 'function') throw new TypeError('subscribe needs a function');
      // The page gets the event only, never the IpcRendererEvent (it holds `sender`: raw ipcRenderer).
      const relay = (_event: IpcRendererEvent, event: E) => listener(event);
      ipcRenderer.on(EVENT, relay);
      return () => {
        ipcRenderer.removeListener(EVENT, relay);
      };
    },
  };
  return bridge as AgentBridge<H, E>;
}

/** Exposes `bridge` as `window[name]` in the page's main world. */
export function exposeBridge<B extends object>(name: string, bridge: B): B {
  contextBridge.exposeInMainWorld(name, bridge);
  return bridge;
}
