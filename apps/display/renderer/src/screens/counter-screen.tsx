import type { Center } from '@novbe/core';
import { fill, type DisplayMessages } from '@novbe/i18n';
import type { Language } from '@novbe/core';
import { LinkBadge } from '../components/status-line';
import type { LinkStatus } from '../state/display-store';
import type { ScreenState } from '../state/screen-state';

interface CounterScreenProps {
  readonly center: Center | null;
  readonly counterId: string;
  readonly screen: ScreenState;
  readonly link: LinkStatus;
  readonly language: Language;
  readonly text: DisplayMessages;
}

/** A small screen above a counter: its number, the ticket it serves, and whether it is open. */
export function CounterScreen({ center, counterId, screen, link, language, text }: CounterScreenProps) {
  const counter = screen.counters[counterId];
  const number = counter?.number ?? center?.counters.find((c) => c.id === counterId)?.number ?? '';
  const status = counter?.status ?? 'closed';
  const call = screen.calls.find((c) => c.counterId === counterId && c.ticketId === counter?.ticketId);
  const statusText = {
    open: text.counterScreen.open,
    paused: text.counterScreen.paused,
    closed: text.counterScreen.closed,
  }[status];
  return (
    <div className={`counter-screen counter-${status}`} data-testid="counter-screen" lang={language}>
      <header className="counter-title">{fill(text.counterScreen.title, { counter: number })}</header>
      <main className="counter-main">
        {status === 'open' && counter?.ticketNumber ? (
          <>
            <div className="counter-label">{text.counterScreen.nowServing}</div>
            <div
              className="counter-ticket flash"
              key={`${counter.ticketId}:${call?.flash ?? 0}`}
              data-testid="counter-ticket"
            >
              {counter.ticketNumber}
            </div>
          </>
        ) : (
          <div className="counter-idle" data-testid="counter-idle">
            {status === 'open' ? text.counterScreen.idle : statusText}
          </div>
        )}
      </main>
      <footer className="counter-status" data-testid="counter-status">
        {status === 'open'
          ? statusText
          : status === 'paused'
            ? text.counterScreen.pausedHint
            : text.counterScreen.closedHint}
      </footer>
      <LinkBadge link={link} text={text} />
    </div>
  );
}
