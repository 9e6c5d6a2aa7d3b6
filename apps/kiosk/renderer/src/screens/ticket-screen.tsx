import type { KioskTicket } from '@novbe/protocol';
import { Fact, Icon, TouchButton } from '@novbe/ui';
import { ScreenFrame } from '../components/screen-frame';
import { formatWaitRange } from '../format/wait-range';
import { useKiosk, useMessages } from '../store/store-context';

/** "Take your ticket": the number as large as the screen allows, and what happens next. */
export function TicketScreen({ ticket }: { ticket: KioskTicket }) {
  const m = useMessages();
  const language = useKiosk((s) => s.language);
  const serviceName = useKiosk(
    (s) => s.catalog?.services.find((x) => x.id === ticket.serviceId)?.name[s.language],
  );
  const home = useKiosk((s) => s.home);
  const wait = formatWaitRange(language, ticket.estimate);
  return (
    <ScreenFrame
      screen="ticket"
      title={m.ticket.take}
      back={false}
      actions={
        <TouchButton kind="primary" icon="check" testId="done" onPress={home}>
          {m.ticket.done}
        </TouchButton>
      }
    >
      <div className="ticket">
        <p className="ticket-label">{m.ticket.yourNumber}</p>
        <p
          className="ticket-number"
          data-testid="ticket-number"
          data-length={Math.min(ticket.number.length, 8)}
        >
          {ticket.number}
        </p>
        {serviceName && <p className="ticket-service">{serviceName}</p>}
        {ticket.appointment === 'checked-in' && (
          <p className="badge badge-good" data-testid="checked-in">
            <Icon name="check" />
            {m.ticket.checkedIn}
          </p>
        )}
      </div>
      <div className="facts">
        {ticket.peopleAhead !== null && (
          <Fact icon="people" label={m.ticket.peopleAhead} value={String(ticket.peopleAhead)} />
        )}
        {wait && <Fact icon="clock" label={m.ticket.estimatedWait} value={wait} />}
      </div>
      <p className="lead ticket-next">{m.ticket.watchTheScreen}</p>
    </ScreenFrame>
  );
}
