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
import type { AgentMethods } from './agent-methods';
import type { AppSite } from './app-protocol';
import { silentLogger, type ShellLogger } from './shell-logger';

export interface IpcCarrierOptions {
  readonly site: AppSite;
  /** The agent's method names: anything else is refused before it reaches the agent. */
  readonly methods: AgentMethods;
  /** The agent's handler map, or null while the agent is not running (calls answer out-of-service). */
  readonly handlers: () => HandlerMap | null | Promise<HandlerMap | null>;
  /** The appliance windows' webContents: the only senders allowed. */
  readonly senders: () => readonly (WebContents | null)[];
  readonly toError?: (error: unknown) => ErrorBody;
  /** Who is meant in the refusals: `the kiosk agent`. */
  readonly agentName?: string;
  readonly log?: ShellLogger;
}

/**
 * Whether an IPC call comes from the appliance's own page: one of its windows' webContents, the
 * main frame (not an iframe), showing a document of the appliance's origin.
 */
export function isOwnSender(
  event: IpcMainInvokeEvent,
  senders: readonly (WebContents | null)[],
  site: AppSite,
): boolean {
  const contents = senders.find((c) => c === event.sender);
  if (!contents || contents.isDestroyed()) return false;
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && site.isAppUrl(frame.url);
}

/**
 * The Electron carrier of an agent API: `ipcMain.handle(IPC_INVOKE)` answers every call with a
 * `Result` (like the WebSocket carrier, through the same `callHandler`). Returns the function
 * that removes it.
 */
export function registerIpcCarrier(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  options: IpcCarrierOptions,
): () => void {
  const log = options.log ?? silentLogger;
  const agentName = options.agentName ?? 'the agent';
  ipcMain.handle(IPC_INVOKE, async (event, method: unknown, params: unknown): Promise<Result<unknown>> => {
    const name = typeof method === 'string' ? method.slice(0, 64) : typeof method;
    if (!isOwnSender(event, options.senders(), options.site)) {
      log.warn(
        { method: name, url: event.senderFrame?.url?.slice(0, 100) ?? null },
        'IPC call from a foreign sender refused',
      );
      return {
        ok: false,
        error: {
          code: ReasonCode.Forbidden,
          message: `only the ${options.site.host} page may call ${agentName}`,
        },
      };
    }
    if (!options.methods.has(method))
      return { ok: false, error: { code: ReasonCode.NotFound, message: `no method ${name}` } };
    const handlers = await options.handlers();
    if (!handlers)
      return {
        ok: false,
        error: { code: ReasonCode.OutOfService, message: `${agentName} is not running` },
      };
    return callHandler(handlers, method, params, options.toError);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE);
}

/** Pushes one agent event to a page, if it is there to hear it. */
export function sendToPage(contents: WebContents | null, event: unknown): boolean {
  if (!contents || contents.isDestroyed()) return false;
  contents.send(IPC_EVENT, event);
  return true;
}
