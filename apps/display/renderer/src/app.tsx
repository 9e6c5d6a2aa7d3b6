import { displayMessages } from '@novbe/i18n';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ScreenOptions } from './link/screen-options';
import { CounterScreen } from './screens/counter-screen';
import { HallScreen } from './screens/hall-screen';
import { ChooseScreen, PairScreen } from './screens/setup-screens';
import type { DisplayState } from './state/display-store';

/** The display page: pairing, then the hall or counter screen its address asks for. */
export function App({
  store,
  options,
  soundBlocked,
  speaking,
}: {
  store: StoreApi<DisplayState>;
  options: ScreenOptions;
  soundBlocked: boolean;
  speaking: boolean;
}) {
  const phase = useStore(store, (s) => s.phase);
  const pairing = useStore(store, (s) => s.pairing);
  const center = useStore(store, (s) => s.center);
  const screen = useStore(store, (s) => s.screen);
  const link = useStore(store, (s) => s.link);
  const text = displayMessages[options.language];

  if (phase === 'starting') return <div className="setup-screen" />;
  if (phase === 'pairing')
    return (
      <PairScreen
        text={text}
        busy={pairing.busy}
        error={pairing.error}
        onPair={(code) => void store.getState().pair(code)}
      />
    );
  switch (options.mode) {
    case 'hall':
      return (
        <HallScreen
          center={center}
          hallId={options.hallId}
          screen={screen}
          link={link}
          language={options.language}
          text={text}
          soundBlocked={soundBlocked}
          speaking={speaking}
        />
      );
    case 'counter':
      return (
        <CounterScreen
          center={center}
          counterId={options.counterId}
          screen={screen}
          link={link}
          language={options.language}
          text={text}
        />
      );
    case 'choose':
      return <ChooseScreen center={center} text={text} language={options.language} />;
  }
}
