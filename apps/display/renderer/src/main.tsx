import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Announcer, type AnnouncementRecord } from './announce/announcer';
import { App } from './app';
import { setupSource } from './link/screen-setup';
import { screenOptions, takePairingCode } from './link/screen-options';
import { createDisplayStore, type DisplayState } from './state/display-store';
import type { ScreenState } from './state/screen-state';
import './styles/display.css';

declare global {
  interface Window {
    /** Read-only views for the tests and the benchmark: what the screen holds and has spoken. */
    novbeScreen?: { state(): ScreenState; announcements(): readonly AnnouncementRecord[] };
  }
}

const options = screenOptions(window.location.search);
document.documentElement.lang = options.language;

// Only hall screens speak. Electron allows audio without a click; a browser may hold the
// context suspended until someone touches the screen (the page then says so).
const context = options.mode === 'hall' && options.sound ? new AudioContext() : null;
const announcer = context ? new Announcer({ context }) : null;
if (announcer) void announcer.preload();

const store = createDisplayStore({
  source: setupSource(),
  connect: (url) => new WebSocket(url),
  storage: window.localStorage,
  onLiveCall: (call) => {
    if (store.getState().center?.announcements.enabled === false) return;
    announcer?.announce({ number: call.number, counterNumber: call.counterNumber, language: call.language });
  },
});
// The center's own language order for spoken calls, once its configuration is known.
store.subscribe((s: DisplayState, before: DisplayState) => {
  if (!announcer || s.center === before.center || !s.center) return;
  announcer.setLanguages(s.center.announcements.languages);
});

window.novbeScreen = {
  state: () => store.getState().screen,
  announcements: () => announcer?.log ?? [],
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
  return <App store={store} options={options} soundBlocked={soundBlocked} />;
}

createRoot(document.getElementById('root')!).render(<Root />);

const code = takePairingCode(window.location, window.history);
void store
  .getState()
  .start()
  .then(() => {
    if (code && store.getState().phase === 'pairing') return store.getState().pair(code);
  });
