import type { IssueFailure, Screen } from '../store/screens';
import { Outcome, TouchButton } from '@novbe/ui';
import { ScreenFrame } from '../components/screen-frame';
import { useKiosk, useMessages } from '../store/store-context';

type Failed = Extract<Screen, { name: 'issue-failed' }>;

/** The ticket did not print: say why in plain words and offer the way on. */
export function IssueFailedScreen({ failure, request }: Pick<Failed, 'failure' | 'request'>) {
  const m = useMessages();
  const issue = useKiosk((s) => s.issue);
  const start = useKiosk((s) => s.start);
  const requestTicket = useKiosk((s) => s.requestTicket);
  const text: Record<IssueFailure, string> = {
    generic: m.issueFailed.generic,
    'service-gone': m.issueFailed.serviceGone,
    'scan-expired': m.issueFailed.scanExpired,
  };
  const action =
    failure === 'service-gone' ? (
      <TouchButton kind="primary" testId="choose-another" onPress={() => start()}>
        {m.issueFailed.chooseAnother}
      </TouchButton>
    ) : failure === 'scan-expired' ? (
      <TouchButton
        kind="primary"
        icon="card"
        testId="scan-again"
        onPress={() => requestTicket(request.serviceId)}
      >
        {m.issueFailed.scanAgain}
      </TouchButton>
    ) : (
      <TouchButton kind="primary" icon="printer" testId="try-again" onPress={() => void issue(request)}>
        {m.issueFailed.tryAgain}
      </TouchButton>
    );
  return (
    <ScreenFrame screen="issue-failed" title={m.issueFailed.title} actions={action}>
      <Outcome tone="bad" icon="alert" title={text[failure]} testId={`failed-${failure}`} />
    </ScreenFrame>
  );
}
