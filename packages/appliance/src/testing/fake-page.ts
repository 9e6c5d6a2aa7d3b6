import type { IpcMain, WebContents } from 'electron';
import type { ErrorBody, HandlerMap } from '@novbe/protocol';
import type { AgentMethods } from '../agent-methods';
import { APP_SCHEME_PRIVILEGES, type AppSite } from '../app-protocol';
import { registerIpcCarrier } from '../ipc-carrier';
import { asElectron } from './as-electron';
import { FakeWebContents, fake } from './fake-electron';

export interface FakePageOptions {
  readonly site: AppSite;
  readonly methods: AgentMethods;
  readonly handlers: HandlerMap;
  /** The page's address; default the site's index. */
  readonly url?: string;
  readonly toError?: (error: unknown) => ErrorBody;
}

/**
 * A page of the appliance in the fake Electron, the one the preload runs in, with the IPC
 * carrier in front of `handlers` and this page its only allowed sender.
 */
export async function fakeAppPage(options: FakePageOptions): Promise<FakeWebContents> {
  const page = new FakeWebContents(fake);
  await page.loadURL(options.url ?? options.site.indexUrl);
  fake.preloadContents = page;
  registerIpcCarrier(asElectron<IpcMain>(fake.ipcMain), {
    site: options.site,
    methods: options.methods,
    handlers: () => options.handlers,
    senders: () => [asElectron<WebContents>(page)],
    ...(options.toError ? { toError: options.toError } : {}),
  });
  return page;
}

/** What `runBuiltMain` reports of a main.js that evaluated to its end before `ready`, as it must. */
export const EVALUATED_BEFORE_READY = {
  evaluated: true,
  exitCode: null,
  schemes: [APP_SCHEME_PRIVILEGES],
} as const;
