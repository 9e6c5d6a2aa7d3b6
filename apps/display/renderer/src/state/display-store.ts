import type { Center } from '@novbe/core';
import {
  createCenterClient,
  EventStream,
  ProtocolError,
  type CenterEvent,
  type ScreenSetup,
  type WebSocketFactory,
} from '@novbe/protocol';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SetupSource } from '../link/screen-setup';
import { applyEvent, EMPTY_STATE, fromSnapshot, waitingByHall, type ScreenState, type ShownCall } from './screen-state';

export type LinkStatus = 'connecting' | 'live' | 'offline';

export interface DisplayState {
  /** `starting` until the setup is known; `pairing` while the screen has no token. */
  readonly phase: 'starting' | 'pairing' | 'ready';
  readonly pairing: { readonly busy: boolean; readonly error: string | null };
  readonly center: Center | null;
  readonly screen: ScreenState;
  readonly link: LinkStatus;
  start(): Promise<void>;
  pair(code: string): Promise<void>;
  stop(): void;
}

export interface DisplayDeps {
  readonly source: SetupSource;
  readonly connect: WebSocketFactory;
  /** Where the screen keeps its last state across restarts (the browser's localStorage). */
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** A call or recall that happened now (not one replayed from long ago): to be spoken. */
  readonly onLiveCall?: (call: ShownCall) => void;
  readonly now?: () => number;
}

const CACHE_KEY = 'novbe.display.cache';
/** A call replayed after a longer outage than this is shown, but no longer spoken. */
const SPEAK_WITHIN_MS = 60_000;
const RETRY_CENTER_MS = 5000;

interface Cache {
  readonly center: Center | null;
  readonly screen: ScreenState;
}

function readCache(storage: DisplayDeps['storage']): Cache {
  try {
    const cache = JSON.parse(storage.getItem(CACHE_KEY) ?? 'null') as Cache | null;
    if (cache && typeof cache.screen?.seq === 'number') return cache;
  } catch {
    // A damaged cache is dropped: the server's snapshot replaces it.
  }
  return { center: null, screen: EMPTY_STATE };
}

export const eventsUrl = (serverUrl: string) => `${serverUrl.replace(/^http/, 'ws').replace(/\/$/, '')}/v1/events`;

/**
 * The screen's one store: its setup, the center's configuration and what it shows, kept in
 * step with the center's event stream (resuming from the last event it saw, also after a
 * restart) and saved to the browser's storage so the last state shows while the server is away.
 */
export function createDisplayStore(deps: DisplayDeps): StoreApi<DisplayState> {
  const now = deps.now ?? (() => Date.now());
  const cached = readCache(deps.storage);
  let stream: EventStream | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let saving: ReturnType<typeof setTimeout> | null = null;

  const store = createStore<DisplayState>()((set, get) => {
    const save = () => {
      saving ??= setTimeout(() => {
        saving = null;
        const { center, screen } = get();
        deps.storage.setItem(CACHE_KEY, JSON.stringify({ center, screen } satisfies Cache));
      }, 500);
    };

    const loadCenter = async (setup: ScreenSetup & { token: string }) => {
      try {
        const center = await createCenterClient({ baseUrl: setup.serverUrl, token: setup.token }).center();
        set({ center });
        save();
      } catch (e) {
        if (e instanceof ProtocolError && e.status === 401) {
          // Revoked or unknown: this screen must be paired again.
          stop();
          deps.source.forget();
          set({ phase: 'pairing', pairing: { busy: false, error: null } });
          return;
        }
        console.warn(`the center's configuration could not be read: ${(e as Error).message}`);
        retry = setTimeout(() => void loadCenter(setup), RETRY_CENTER_MS);
      }
    };

    const onEvent = (e: CenterEvent) => {
      const before = get().screen;
      const screen = applyEvent(before, e);
      if (screen === before) return;
      set({ screen });
      save();
      if ((e.type === 'ticket.called' || e.type === 'ticket.recalled') && now() - e.at < SPEAK_WITHIN_MS)
        deps.onLiveCall?.(screen.calls[0]!);
    };

    const run = (setup: ScreenSetup & { token: string }) => {
      set({ phase: 'ready' });
      void loadCenter(setup);
      stream = new EventStream({
        url: eventsUrl(setup.serverUrl),
        token: setup.token,
        since: get().screen.seq,
        connect: deps.connect,
        onEvent,
        onSnapshot: (snapshot) => {
          set({ screen: fromSnapshot(snapshot) });
          save();
        },
        onWaiting: (waiting) => set({ screen: { ...get().screen, waiting: waitingByHall(waiting) } }),
        onStatus: (link) => {
          set({ link });
          // The configuration may have changed while the screen was away.
          if (link === 'live' && get().center === null && retry === null) void loadCenter(setup);
        },
        reconnectMs: 1000,
      });
      stream.start();
    };

    const begin = (setup: ScreenSetup) => {
      if (setup.token) run({ ...setup, token: setup.token });
      else set({ phase: 'pairing' });
    };

    const stop = () => {
      stream?.close();
      stream = null;
      if (retry) clearTimeout(retry);
      retry = null;
    };

    return {
      phase: 'starting',
      pairing: { busy: false, error: null },
      center: cached.center,
      screen: cached.screen,
      link: 'connecting',
      async start() {
        try {
          begin(await deps.source.load());
        } catch {
          set({ phase: 'pairing' });
        }
      },
      async pair(code) {
        set({ pairing: { busy: true, error: null } });
        try {
          const setup = await deps.source.pair(code);
          set({ pairing: { busy: false, error: null } });
          begin(setup);
        } catch (e) {
          set({ pairing: { busy: false, error: (e as Error).message } });
        }
      },
      stop,
    };
  });
  return store;
}
