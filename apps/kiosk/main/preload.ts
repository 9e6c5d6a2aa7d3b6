/**
 * The kiosk page's only door to the main process: `window.novbeKiosk`, with `invoke` (the agent's
 * methods, nothing else) and `subscribe` (agent events). Runs sandboxed: bundled to preload.cjs,
 * whose only `require` is 'electron'.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { IPC_EVENT, IPC_INVOKE, KioskBridge, KioskEvent } from '@novbe/protocol';
import { isKioskMethod } from './kiosk-methods';

export const BRIDGE_NAME = 'novbeKiosk';

// The channel names are protocol's constants, checked by type: importing their values would
// bundle all of @novbe/protocol and zod (≈450 KB) into a script parsed before every page load.
const INVOKE: typeof IPC_INVOKE = 'novbe:invoke';
const EVENT: typeof IPC_EVENT = 'novbe:event';

const bridge = {
  invoke(method, ...params) {
    if (!isKioskMethod(method))
      return Promise.resolve({
        ok: false,
        error: { code: 'not-found', message: `no method ${String(method).slice(0, 64)}` },
      });
    // Every call answers a Result: a missing main-process handler becomes one too.
    return ipcRenderer.invoke(INVOKE, method, params[0]).catch(() => ({
      ok: false,
      error: { code: 'internal', message: 'the kiosk agent is not reachable' },
    }));
  },
  subscribe(listener) {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a function');
    // The page gets the event only, never the IpcRendererEvent (it holds `sender`: raw ipcRenderer).
    const relay = (_event: IpcRendererEvent, event: KioskEvent) => listener(event);
    ipcRenderer.on(EVENT, relay);
    return () => {
      ipcRenderer.removeListener(EVENT, relay);
    };
  },
} satisfies KioskBridge;

contextBridge.exposeInMainWorld(BRIDGE_NAME, bridge);
