import { DocumentList } from '../components/document-list';
import { Fact, Icon, TouchButton } from '@novbe/ui';
import { ScreenFrame } from '../components/screen-frame';
import { formatWaitRange } from '../format/wait-range';
import { useKiosk, useMessages } from '../store/store-context';

/** A service before its ticket: what to bring, how many wait, how long it may take. */
export function ServiceScreen({ serviceId }: { serviceId: string }) {
  const m = useMessages();
  const language = useKiosk((s) => s.language);
  const service = useKiosk((s) => s.catalog?.services.find((x) => x.id === serviceId));
  const agencyName = useKiosk(
    (s) => s.catalog?.agencies.find((a) => a.id === service?.agencyId)?.name[s.language],
  );
  const info = useKiosk((s) => (s.serviceInfo?.serviceId === serviceId ? s.serviceInfo : null));
  const requestTicket = useKiosk((s) => s.requestTicket);
  const openPriority = useKiosk((s) => s.openPriority);

  if (!service)
    return (
      <ScreenFrame screen="service" title={m.issueFailed.title}>
        <p className="notice">{m.issueFailed.serviceGone}</p>
      </ScreenFrame>
    );

  const loading = !info || info.state === 'loading';
  const waiting = info?.info?.waiting ?? null;
  const wait = formatWaitRange(language, info?.info?.estimate ?? null);
  const documents = service.documents.map((d) => d[language]);

  return (
    <ScreenFrame
      screen="service"
      title={service.name[language]}
      subtitle={agencyName}
      actions={
        <>
          <TouchButton
            kind="primary"
            icon="printer"
            testId="get-ticket"
            onPress={() => requestTicket(serviceId)}
          >
            {m.service.getTicket}
          </TouchButton>
          <TouchButton icon="star" testId="open-priority" onPress={() => openPriority(serviceId)}>
            {m.service.priority}
          </TouchButton>
        </>
      }
    >
      <div className="facts">
        <Fact
          icon="people"
          label={m.service.peopleWaiting}
          value={loading ? m.service.loading : waiting === null ? m.service.notKnown : String(waiting)}
          muted={loading || waiting === null}
          testId="people-waiting"
        />
        <Fact
          icon="clock"
          label={m.service.estimatedWait}
          value={loading ? m.service.loading : (wait ?? m.service.notKnown)}
          muted={loading || wait === null}
          testId="estimated-wait"
        />
      </div>
      {service.requiresIdCard && (
        <p className="badge" data-testid="id-card-required">
          <Icon name="card" />
          {m.service.idCardRequired}
        </p>
      )}
      {documents.length > 0 ? (
        <DocumentList title={m.service.documents} documents={documents} />
      ) : (
        <p className="notice">{m.service.noDocuments}</p>
      )}
    </ScreenFrame>
  );
}
