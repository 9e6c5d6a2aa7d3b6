import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  IPC_EVENT,
  IPC_INVOKE,
  ReasonCode,
  type ErrorBody,
  type HandlerMap,
  type Result,
} from '@novbe/protocol';
import { callHandler } from '@novbe/protocol/node';
import { isAppUrl } from './app-protocol';
import { isKioskMethod } from './kiosk-methods';
import { silentLogger, type ShellLogger } from './shell-logger';

export interface IpcCarrierOptions {
  /** The agent's handler map, or null while the agent is not running (calls answer out-of-service). */
  readonly handlers: () => HandlerMap | null | Promise<HandlerMap | null>;
  /** The kiosk window's webContents: the only sender allowed. */
  readonly contents: () => WebContents | null;
  readonly toError?: (error: unknown) => ErrorBody;
  readonly log?: ShellLogger;
}

/**
 * Whether an IPC call comes from the kiosk page itself: the kiosk window's webContents, its main
 * frame (not an iframe), showing a document of the kiosk's origin.
 */
export function isKioskSender(event: IpcMainInvokeEvent, contents: WebContents | null): boolean {
  if (!contents || contents.isDestroyed() || event.sender !== contents) return false;
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/**
 * The Electron carrier of the agent API: `ipcMain.handle(IPC_INVOKE)` answers every call with a
 * `Result` (like the WebSocket carrier, through the same `callHandler`). Returns the function
 * that removes it.
 */
export function registerIpcCarrier(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  options: IpcCarrierOptions,
): () => void {
  const log = options.log ?? silentLogger;
  ipcMain.handle(IPC_INVOKE, async (event, method: unknown, params: unknown): Promise<Result<unknown>> => {
    const name = typeof method === 'string' ? method.slice(0, 64) : typeof method;
    if (!isKioskSender(event, options.contents())) {
      log.warn(
        { method: name, url: event.senderFrame?.url?.slice(0, 100) ?? null },
        'IPC call from a foreign sender refused',
      );
      return {
        ok: false,
        error: { code: ReasonCode.Forbidden, message: 'only the kiosk page may call the agent' },
      };
    }
    if (!isKioskMethod(method))
      return { ok: false, error: { code: ReasonCode.NotFound, message: `no method ${name}` } };
    const handlers = await options.handlers();
    if (!handlers)
      return {
        ok: false,
        error: { code: ReasonCode.OutOfService, message: 'the kiosk agent is not running' },
      };
    return callHandler(handlers, method, params, options.toError);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

/** Pushes one agent event to the kiosk page, if it is there to hear it. */
export function sendToPage(contents: WebContents | null, event: unknown): boolean {
  if (!contents || contents.isDestroyed()) return false;
  contents.send(IPC_EVENT, event);
  return true;
}
