import type { PriorityReason } from '@novbe/core';
import { ScreenFrame } from '../components/screen-frame';
import { TouchButton } from '@novbe/ui';
import { useKiosk, useMessages } from '../store/store-context';

const REASONS: readonly PriorityReason[] = ['disability', 'elderly', 'veteran', 'pregnancy'];

/** A priority declared at the kiosk (staff may check it at the counter): one touch prints. */
export function PriorityScreen({ serviceId }: { serviceId: string }) {
  const m = useMessages();
  const serviceName = useKiosk((s) => s.catalog?.services.find((x) => x.id === serviceId)?.name[s.language]);
  const issue = useKiosk((s) => s.issue);
  return (
    <ScreenFrame screen="priority" title={m.priority.title} subtitle={serviceName}>
      <p className="lead">{m.priority.explain}</p>
      <div className="choice-list">
        {REASONS.map((reason) => (
          <TouchButton
            key={reason}
            icon="star"
            testId={`priority-${reason}`}
            onPress={() => void issue({ serviceId, priorityReason: reason })}
          >
            {m.priority.reasons[reason]}
          </TouchButton>
        ))}
      </div>
      <p className="notice">{m.priority.proof}</p>
    </ScreenFrame>
  );
}
