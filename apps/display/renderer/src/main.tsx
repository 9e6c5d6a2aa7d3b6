import { useEffect, useState, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { Announcer, type AnnouncementRecord } from './announce/announcer';
import { App } from './app';
import { setupSource } from './link/screen-setup';
import { screenOptions, takePairingCode } from './link/screen-options';
import { createDisplayStore, type DisplayState } from './state/display-store';
import type { ScreenState, ShownCall } from './state/screen-state';
import '@novbe/ui/fonts.css';
import './styles/display.css';

declare global {
  interface Window {
    /** Read-only views for the tests and the benchmark: what the screen holds and has spoken. */
    novbeScreen?: {
      state(): ScreenState;
      announcements(): readonly AnnouncementRecord[];
      /** Resolves once the voice pack is decoded (at once on a screen that does not speak). */
      voiceReady(): Promise<unknown>;
      /** Every live call and recall as the screen takes it in (for the benchmark's missed/doubled count). */
      onCall(listener: (call: ShownCall) => void): () => void;
    };
  }
}

const options = screenOptions(window.location.search);
document.documentElement.lang = options.language;

// Only hall screens speak. Electron allows audio without a click; a browser may hold the
// context suspended until someone touches the screen (the page then says so).
const context = options.mode === 'hall' && options.sound ? new AudioContext() : null;
// Whether a call is being spoken, for the media area to be muted meanwhile.
let speaking = false;
const speakingListeners = new Set<() => void>();
const announcer = context
  ? new Announcer({
      context,
      onSpeakingChange: (now) => {
        speaking = now;
        for (const listener of speakingListeners) listener();
      },
    })
  : null;
const voiceReady = announcer ? announcer.preload() : Promise.resolve(null);

const callListeners = new Set<(call: ShownCall) => void>();

const store = createDisplayStore({
  source: setupSource(),
  // The browser's WebSocket is what the stream expects (its handler types are only wider).
  connect: (url) => new WebSocket(url) as never,
  storage: window.localStorage,
  onLiveCall: (call) => {
    for (const listener of callListeners) listener(call);
    if (store.getState().center?.announcements.enabled === false) return;
    announcer?.announce({ number: call.number, counterNumber: call.counterNumber, language: call.language });
  },
});
// The center's own language order for spoken calls, once its configuration is known.
store.subscribe((s: DisplayState, before: DisplayState) => {
  if (!announcer || s.center === before.center || !s.center) return;
  announcer.setLanguages(s.center.announcements.languages);
});

window.addEventListener('pagehide', () => store.getState().flush());

window.novbeScreen = {
  state: () => store.getState().screen,
  announcements: () => announcer?.log ?? [],
  voiceReady: () => voiceReady,
  onCall(listener) {
    callListeners.add(listener);
    return () => callListeners.delete(listener);
  },
};

function Root() {
  const [soundBlocked, setSoundBlocked] = useState(context?.state === 'suspended');
  useEffect(() => {
    if (!context) return;
    const update = () => setSoundBlocked(context.state === 'suspended');
    const resume = () => void context.resume().then(update);
    context.addEventListener('statechange', update);
    window.addEventListener('pointerdown', resume);
    window.addEventListener('keydown', resume);
    return () => {
      context.removeEventListener('statechange', update);
      window.removeEventListener('pointerdown', resume);
      window.removeEventListener('keydown', resume);
    };
  }, []);
  const speakingNow = useSyncExternalStore(
    (listener) => {
      speakingListeners.add(listener);
      return () => speakingListeners.delete(listener);
    },
    () => speaking,
  );
  return <App store={store} options={options} soundBlocked={soundBlocked} speaking={speakingNow} />;
}

createRoot(document.getElementById('root')!).render(<Root />);

const code = takePairingCode(window.location, window.history);
void store
  .getState()
  .start()
  .then(() => {
    if (code && store.getState().phase === 'pairing') return store.getState().pair(code);
  });
