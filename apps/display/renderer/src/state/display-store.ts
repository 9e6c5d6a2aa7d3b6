import type { Center } from '@novbe/core';
import {
  createCenterClient,
  EventStream,
  eventStreamUrl,
  ProtocolError,
  type CenterEvent,
  type ScreenSetup,
  type WebSocketFactory,
} from '@novbe/protocol';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SetupSource } from '../link/screen-setup';
import {
  applyEvent,
  EMPTY_STATE,
  fromSnapshot,
  waitingByHall,
  type ScreenState,
  type ShownCall,
} from './screen-state';

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
  /** Writes what the screen holds to storage now (the page is going away). */
  flush(): void;
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

const SCREEN_KEY = 'novbe.display.screen';
const CENTER_KEY = 'novbe.display.center';
/** A call replayed after a longer outage than this is shown, but no longer spoken. */
const SPEAK_WITHIN_MS = 60_000;
const RETRY_CENTER_MS = 5000;

/** What the screen kept: the center's configuration and, apart (it changes with every call), what it shows. */
function readCache(storage: DisplayDeps['storage']): { center: Center | null; screen: ScreenState } {
  const read = <T>(key: string, valid: (value: T) => boolean): T | null => {
    try {
      const value = JSON.parse(storage.getItem(key) ?? 'null') as T | null;
      return value !== null && valid(value) ? value : null;
    } catch {
      // A damaged cache is dropped: the server's snapshot and configuration replace it.
      return null;
    }
  };
  return {
    center: read<Center>(CENTER_KEY, (c) => Array.isArray(c.halls)),
    screen: read<ScreenState>(SCREEN_KEY, (s) => typeof s.seq === 'number') ?? EMPTY_STATE,
  };
}

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
    const saveNow = () => {
      if (saving) clearTimeout(saving);
      saving = null;
      deps.storage.setItem(SCREEN_KEY, JSON.stringify(get().screen));
    };
    const save = () => {
      saving ??= setTimeout(saveNow, 500);
    };

    const loadCenter = async (setup: ScreenSetup & { token: string }) => {
      try {
        const center = await createCenterClient({ baseUrl: setup.serverUrl, token: setup.token }).center();
        set({ center });
        deps.storage.setItem(CENTER_KEY, JSON.stringify(center));
      } catch (e) {
        if (e instanceof ProtocolError && e.status === 401) {
          // Revoked or unknown: this screen must be paired again.
          stop();
          deps.source.forget();
          set({ phase: 'pairing', pairing: { busy: false, error: null } });
          return;
        }
        console.warn(`the center's configuration could not be read: ${(e as Error).message}`);
        retry = setTimeout(() => {
          retry = null;
          void loadCenter(setup);
        }, RETRY_CENTER_MS);
      }
    };

    const onEvent = (e: CenterEvent) => {
      const before = get().screen;
      const screen = applyEvent(before, e);
      if (screen === before) return;
      set({ screen });
      if (e.type !== 'ticket.called' && e.type !== 'ticket.recalled') return save();
      // Kept before it is shown and spoken: a screen restarted now resumes after it, never
      // showing or saying it twice.
      saveNow();
      if (now() - e.at < SPEAK_WITHIN_MS) deps.onLiveCall?.(screen.calls[0]!);
    };

    const run = (setup: ScreenSetup & { token: string }) => {
      set({ phase: 'ready' });
      stream = new EventStream({
        url: eventStreamUrl(setup.serverUrl),
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
          // Read on every (re)connection: the configuration may have changed while the screen
          // was away (until then it shows the one it kept).
          if (link === 'live' && retry === null) void loadCenter(setup);
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
      flush: saveNow,
    };
  });
  return store;
}
