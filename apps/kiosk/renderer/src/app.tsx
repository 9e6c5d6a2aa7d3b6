import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { IdleWarning } from './components/idle-warning';
import type { RendererConfig } from './config';
import { useIdleTimeout } from './hooks/use-idle-timeout';
import { AgenciesScreen } from './screens/agencies-screen';
import { AttractScreen } from './screens/attract-screen';
import { CardScreen } from './screens/card-screen';
import { IssueFailedScreen } from './screens/issue-failed-screen';
import { OutOfServiceScreen } from './screens/out-of-service-screen';
import { PrintingScreen } from './screens/printing-screen';
import { PriorityScreen } from './screens/priority-screen';
import { SearchScreen } from './screens/search-screen';
import { ServiceScreen } from './screens/service-screen';
import { ServicesScreen } from './screens/services-screen';
import { StartingScreen } from './screens/starting-screen';
import { TicketScreen } from './screens/ticket-screen';
import { outOfService } from './store/out-of-service';
import type { Screen } from './store/screens';
import { useKiosk } from './store/store-context';

type Timings = Pick<RendererConfig, 'idleMs' | 'warnMs' | 'ticketMs'>;

/** The kiosk: the current screen, the out-of-service screen over it when needed, the idle clock. */
export function App({ timings }: { timings: Timings }) {
  const screen = useKiosk((s) => s.screen);
  const unavailable = useKiosk(outOfService);
  const home = useKiosk((s) => s.home);
  const display = useKiosk(useShallow((s) => ({ highContrast: s.highContrast, largeText: s.largeText })));
  const language = useKiosk((s) => s.language);

  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('high-contrast', display.highContrast);
    root.classList.toggle('large-text', display.largeText);
    root.lang = language;
  }, [display, language]);

  const idle = useIdleTimeout({
    mode:
      screen.name === 'attract' || screen.name === 'printing'
        ? 'off'
        : screen.name === 'ticket'
          ? 'direct'
          : 'warn',
    idleMs: screen.name === 'ticket' ? timings.ticketMs : timings.idleMs,
    warnMs: timings.warnMs,
    resetKey: screen,
    onTimeout: home,
  });

  if (unavailable === 'starting') return <StartingScreen />;
  // A ticket that just printed stays on screen even if the paper ran out with it.
  if (unavailable && screen.name !== 'ticket') return <OutOfServiceScreen reason={unavailable} />;
  return (
    <>
      <CurrentScreen screen={screen} />
      {idle.secondsLeft !== null && <IdleWarning seconds={idle.secondsLeft} onContinue={idle.restart} />}
    </>
  );
}

function CurrentScreen({ screen }: { screen: Screen }) {
  switch (screen.name) {
    case 'attract':
      return <AttractScreen />;
    case 'agencies':
      return <AgenciesScreen />;
    case 'services':
      return <ServicesScreen agencyId={screen.agencyId} />;
    case 'search':
      return <SearchScreen />;
    case 'service':
      return <ServiceScreen serviceId={screen.serviceId} />;
    case 'priority':
      return <PriorityScreen serviceId={screen.serviceId} />;
    case 'card':
      return <CardScreen serviceId={screen.serviceId} />;
    case 'printing':
      return <PrintingScreen />;
    case 'ticket':
      return <TicketScreen ticket={screen.ticket} />;
    case 'issue-failed':
      return <IssueFailedScreen failure={screen.failure} request={screen.request} />;
    default:
      return assertNever(screen);
  }
}

function assertNever(x: never): never {
  throw new Error(`unknown screen ${JSON.stringify(x)}`);
}
