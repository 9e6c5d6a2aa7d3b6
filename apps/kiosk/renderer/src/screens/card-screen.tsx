import { fill } from '@novbe/i18n';
import type { CardScan, KioskIssue } from '@novbe/protocol';
import type { ReactNode } from 'react';
import { Icon, Outcome, TouchButton } from '@novbe/ui';
import { ScreenFrame } from '../components/screen-frame';
import { formatSlotTime } from '../format/slot-time';
import type { CardStep } from '../store/session-slice';
import { useKiosk, useMessages } from '../store/store-context';

type Read = Extract<CardScan, { status: 'read' }>;
type Issue = (request: Omit<KioskIssue, 'language'>) => Promise<void>;

/**
 * The optional ID-card step: a card finds today's appointment or a priority entitlement; Skip
 * always gives a regular ticket at once.
 */
export function CardScreen({ serviceId }: { serviceId: string }) {
  const m = useMessages();
  const card = useKiosk((s) => s.card);
  const skipCard = useKiosk((s) => s.skipCard);
  const scanCard = useKiosk((s) => s.scanCard);
  const issue = useKiosk((s) => s.issue);

  const step: CardStep = card ?? { phase: 'waiting' };
  const regular = (kind: 'primary' | 'secondary') => (
    <TouchButton kind={kind} icon="printer" testId="skip-card" onPress={() => skipCard(serviceId)}>
      {step.phase === 'waiting' ? m.card.skip : m.card.getRegularTicket}
    </TouchButton>
  );
  const retry = (
    <TouchButton kind="primary" icon="card" testId="scan-again" onPress={() => scanCard(serviceId)}>
      {m.card.tryAgain}
    </TouchButton>
  );

  let body: ReactNode;
  let actions: ReactNode;
  switch (step.phase) {
    case 'waiting':
      body = (
        <div className="card-wait" data-testid="card-waiting">
          <div className="card-illustration" aria-hidden="true">
            <Icon name="card" className="card-slide" />
            <span className="card-slot" />
          </div>
          <p className="lead">{m.card.how}</p>
          <p className="notice">{m.card.waiting}</p>
        </div>
      );
      actions = regular('primary');
      break;
    case 'rejected':
      body = (
        <Outcome tone="bad" icon="alert" title={m.card.rejectedTitle} testId="card-rejected">
          <p>{m.card.rejected[step.scan.reason]}</p>
        </Outcome>
      );
      actions = (
        <>
          {retry}
          {regular('secondary')}
        </>
      );
      break;
    case 'timeout':
      body = <Outcome tone="warn" icon="clock" title={m.card.timeout} testId="card-timeout" />;
      actions = (
        <>
          {retry}
          {regular('secondary')}
        </>
      );
      break;
    case 'unavailable':
      body = <Outcome tone="warn" icon="alert" title={m.card.readerUnavailable} testId="card-unavailable" />;
      actions = regular('primary');
      break;
    case 'read':
      return <CardRead serviceId={serviceId} scan={step.scan} issue={issue} regular={regular} />;
    default:
      return assertNever(step);
  }
  return (
    <ScreenFrame screen="card" title={m.card.title} subtitle={m.card.why} actions={actions}>
      <div data-card-phase={step.phase}>{body}</div>
    </ScreenFrame>
  );
}

/** A card was read: what it found, and the ticket that follows from it. */
function CardRead({
  serviceId,
  scan,
  issue,
  regular,
}: {
  serviceId: string;
  scan: Read;
  issue: Issue;
  regular: (kind: 'primary' | 'secondary') => ReactNode;
}) {
  const m = useMessages();
  const timeZone = useKiosk((s) => s.catalog?.timeZone ?? 'Asia/Baku');
  const appointmentService = useKiosk((s) =>
    scan.appointment ? s.catalog?.services.find((x) => x.id === scan.appointment!.serviceId) : undefined,
  );
  const language = useKiosk((s) => s.language);
  const serviceName = useKiosk((s) => s.catalog?.services.find((x) => x.id === serviceId)?.name[s.language]);
  const { appointment, entitlement } = scan;
  const time = appointment ? formatSlotTime(appointment.slotAt, timeZone) : '';
  const entitlementLine = entitlement && (
    <p data-testid="card-entitlement">
      {fill(m.card.entitlement, { reason: m.priority.reasons[entitlement] })}
    </p>
  );

  let outcome: ReactNode;
  let actions: ReactNode;
  if (appointment?.window === 'on-time') {
    const other = appointment.serviceId !== serviceId;
    outcome = (
      <Outcome
        tone="good"
        icon="check"
        title={fill(m.card.appointmentFound, { time })}
        testId="card-appointment"
      >
        {other && appointmentService && (
          <p>{fill(m.card.appointmentOtherService, { service: appointmentService.name[language] })}</p>
        )}
        <p>{m.card.appointmentOnTime}</p>
        {entitlementLine}
      </Outcome>
    );
    actions = (
      <>
        <TouchButton
          kind="primary"
          icon="check"
          testId="appointment-ticket"
          onPress={() => void issue({ serviceId: appointment.serviceId, scanId: scan.scanId })}
        >
          {m.card.getAppointmentTicket}
        </TouchButton>
        {other && regular('secondary')}
      </>
    );
  } else {
    outcome = appointment ? (
      <Outcome
        tone="warn"
        icon="clock"
        testId={`card-appointment-${appointment.window}`}
        title={fill(appointment.window === 'early' ? m.card.appointmentEarly : m.card.appointmentLate, {
          time,
        })}
      >
        <p>{appointment.window === 'early' ? m.card.appointmentEarlyHint : m.card.appointmentLateHint}</p>
        {entitlementLine}
      </Outcome>
    ) : entitlement ? (
      <Outcome
        tone="good"
        icon="star"
        title={fill(m.card.entitlement, { reason: m.priority.reasons[entitlement] })}
        testId="card-priority"
      />
    ) : (
      <Outcome tone="warn" icon="card" title={m.card.nothingFound} testId="card-nothing">
        <p>{m.card.regularTicketHint}</p>
      </Outcome>
    );
    actions = entitlement ? (
      <>
        <TouchButton
          kind="primary"
          icon="star"
          testId="priority-ticket"
          onPress={() => void issue({ serviceId, scanId: scan.scanId })}
        >
          {m.card.getPriorityTicket}
        </TouchButton>
        {regular('secondary')}
      </>
    ) : (
      regular('primary')
    );
  }
  return (
    <ScreenFrame screen="card" title={m.card.readTitle} subtitle={serviceName} actions={actions}>
      <div data-card-phase="read">{outcome}</div>
    </ScreenFrame>
  );
}

function assertNever(x: never): never {
  throw new Error(`unexpected card step ${JSON.stringify(x)}`);
}
