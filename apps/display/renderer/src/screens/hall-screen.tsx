import type { Center, Counter, Hall } from '@novbe/core';
import { fill, type DisplayMessages } from '@novbe/i18n';
import type { Language } from '@novbe/core';
import { useEffect, useRef, type CSSProperties } from 'react';
import { Clock } from '../components/clock';
import { DirectionArrow } from '../components/direction-arrow';
import { LinkBadge } from '../components/status-line';
import { Ticker } from '../components/ticker';
import type { LinkStatus } from '../state/display-store';
import type { ScreenState, ShownCall } from '../state/screen-state';

interface HallScreenProps {
  readonly center: Center | null;
  readonly hallId: string | null;
  readonly screen: ScreenState;
  readonly link: LinkStatus;
  readonly language: Language;
  readonly text: DisplayMessages;
  readonly soundBlocked: boolean;
  /** A call is being spoken: the media area is muted. */
  readonly speaking: boolean;
}

/** The hall's media area: plays in a loop, muted while a call is spoken. */
function MediaArea({ src, speaking }: { src: string; speaking: boolean }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    // React does not keep `muted` in step after the first render: set the element's own property.
    if (video.current) video.current.muted = speaking;
  }, [speaking]);
  return <video ref={video} className="media" src={src} autoPlay loop playsInline data-testid="media" />;
}

const DEFAULT_RECENT = 6;

/** Where a counter is, in words: its direction from this screen, its hall and floor when elsewhere. */
function whereIs(
  counter: Counter | undefined,
  hall: Hall | undefined,
  here: string | null,
  props: HallScreenProps,
) {
  const parts: string[] = [];
  if (counter?.direction && counter.hallId === (here ?? counter.hallId))
    parts.push(props.text.direction[counter.direction]);
  if (hall && hall.id !== here)
    parts.push(hall.name[props.language], fill(props.text.floor, { floor: hall.floor }));
  return parts.join(' · ');
}

function NewestCall({ call, props }: { call: ShownCall; props: HallScreenProps }) {
  const counter = props.center?.counters.find((c) => c.id === call.counterId);
  const hall = props.center?.halls.find((h) => h.id === call.hallId);
  const where = whereIs(counter, hall, props.hallId, props);
  return (
    <section
      className="newest flash"
      key={`${call.ticketId}:${call.flash}`}
      data-testid="newest-call"
      aria-live="assertive"
    >
      {call.recalled && <div className="recalled-tag">{props.text.recalled}</div>}
      <div className="newest-numbers">
        <div className="newest-cell">
          <span className="newest-label">{props.text.ticket}</span>
          <span className="newest-ticket" data-testid="newest-ticket">
            {call.number}
          </span>
        </div>
        {counter?.direction ? (
          <DirectionArrow direction={counter.direction} />
        ) : (
          <span className="newest-to">→</span>
        )}
        <div className="newest-cell">
          <span className="newest-label">{props.text.counter}</span>
          <span className="newest-counter" data-testid="newest-counter">
            {call.counterNumber}
          </span>
        </div>
      </div>
      <p className="newest-sentence">
        {fill(props.text.goTo, { number: call.number, counter: call.counterNumber })}
      </p>
      {where && <p className="newest-where">{where}</p>}
    </section>
  );
}

/**
 * A hall screen, from 10 m: the newest call very large (ticket → counter, and where the counter
 * is), the calls before it, the center's name, the time, and a running text.
 */
export function HallScreen(props: HallScreenProps) {
  const { center, hallId, screen, text, language } = props;
  const hall = center?.halls.find((h) => h.id === hallId);
  const inView = (c: ShownCall) => hallId === null || c.hallId === hallId;
  const calls = screen.calls.filter(inView);
  const rows = hall?.screen.recentCalls ?? DEFAULT_RECENT;
  const recent = calls.slice(1, 1 + rows);
  const waiting =
    hallId === null ? Object.values(screen.waiting).reduce((a, b) => a + b, 0) : screen.waiting[hallId];
  const showWaiting = (hall?.screen.showWaiting ?? true) && waiting !== undefined;
  return (
    <div className="hall-screen" data-testid="hall-screen">
      <header className="hall-header">
        <div className="center-name">{center?.name[language] ?? ''}</div>
        <div className="hall-name">
          {hall ? `${hall.name[language]} · ${fill(text.floor, { floor: hall.floor })}` : ''}
        </div>
        {showWaiting && (
          <div className="waiting" data-testid="waiting">
            {fill(text.waiting, { count: waiting })}
          </div>
        )}
        <Clock timeZone={center?.hours.timeZone} />
      </header>
      <main className="hall-main">
        {calls[0] ? (
          <NewestCall call={calls[0]} props={props} key={`${calls[0].ticketId}:${calls[0].flash}`} />
        ) : (
          <section className="newest newest-empty">{text.noCalls}</section>
        )}
        {(rows > 0 || hall?.screen.media) && (
          <aside className="recent">
            {hall?.screen.media && <MediaArea src={hall.screen.media} speaking={props.speaking} />}
            {rows > 0 && (
              <>
                <h2>{text.recentCalls}</h2>
                <ol data-testid="recent-calls" style={{ '--rows': rows } as CSSProperties}>
                  {recent.map((c) => (
                    <li key={`${c.ticketId}:${c.flash}`}>
                      <span className="recent-ticket">{c.number}</span>
                      <span className="recent-to">→</span>
                      <span className="recent-counter">{c.counterNumber}</span>
                    </li>
                  ))}
                </ol>
              </>
            )}
          </aside>
        )}
      </main>
      <footer className="hall-footer">
        <Ticker text={hall?.screen.ticker?.[language]} />
        {props.soundBlocked && <div className="sound-hint">{text.setup.soundOff}</div>}
      </footer>
      <LinkBadge link={props.link} text={text} />
    </div>
  );
}
