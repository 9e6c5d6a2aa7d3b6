import { createCenterClient, type DisplayBridge, type ScreenSetup } from '@novbe/protocol';

/** Where a screen gets its server and token: its display agent (Electron) or the browser itself. */
export interface SetupSource {
  readonly kind: 'agent' | 'browser';
  load(): Promise<ScreenSetup>;
  pair(code: string): Promise<ScreenSetup>;
  /** The token was refused by the server: pair again. */
  forget(): void;
}

const TOKEN_KEY = 'novbe.display.token';

/** A page that is not a display's was paired with the wrong code: say whose it was. */
export class WrongRoleError extends Error {
  override name = 'WrongRoleError';
}

/** In the Electron shell: the display agent holds the token and pairs. */
function agentSource(bridge: DisplayBridge): SetupSource {
  const unwrap = async <T>(
    result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
  ) => {
    const r = await result;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return {
    kind: 'agent',
    load: () => unwrap(bridge.invoke('screen-setup')),
    pair: (code) => unwrap(bridge.invoke('screen-pair', { code })),
    forget: () => {},
  };
}

/**
 * In a browser (a smart TV): the page is served by the center server, so the server is its own
 * origin; it pairs with a code typed on the page and keeps its token in the browser's storage.
 */
function browserSource(storage: Storage, origin: string): SetupSource {
  const setup = (): ScreenSetup => ({ serverUrl: origin, token: storage.getItem(TOKEN_KEY) });
  return {
    kind: 'browser',
    load: async () => setup(),
    async pair(code) {
      const paired = await createCenterClient({ baseUrl: origin }).pair({ body: { code: code.trim() } });
      if (paired.role !== 'display')
        throw new WrongRoleError(`this code pairs a ${paired.role}, not a display`);
      storage.setItem(TOKEN_KEY, paired.token);
      return setup();
    },
    forget: () => storage.removeItem(TOKEN_KEY),
  };
}

declare global {
  interface Window {
    novbeDisplay?: DisplayBridge;
  }
}

/** The setup source of this page. */
export function setupSource(): SetupSource {
  return window.novbeDisplay
    ? agentSource(window.novbeDisplay)
    : browserSource(window.localStorage, window.location.origin);
}
