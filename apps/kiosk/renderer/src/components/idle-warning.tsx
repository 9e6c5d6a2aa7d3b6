import { fill } from '@novbe/i18n';
import { useMessages } from '../store/store-context';
import { TouchButton } from '@novbe/ui';

/** "Are you still there?" with the seconds left; any touch keeps the session. */
export function IdleWarning({ seconds, onContinue }: { seconds: number; onContinue: () => void }) {
  const m = useMessages();
  return (
    // A touch anywhere on the dimmed screen continues too; it never reaches the screen beneath.
    <div
      className="overlay"
      role="alertdialog"
      aria-modal="true"
      data-testid="idle-warning"
      onClick={onContinue}
    >
      <div className="dialog">
        <p className="dialog-title">{m.idle.stillThere}</p>
        <p className="lead">{fill(m.idle.returning, { seconds })}</p>
        <TouchButton kind="primary" testId="idle-continue" onPress={onContinue}>
          {m.idle.continue}
        </TouchButton>
      </div>
    </div>
  );
}
