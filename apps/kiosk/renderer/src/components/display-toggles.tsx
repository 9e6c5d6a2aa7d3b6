import { useKiosk, useMessages } from '../store/store-context';
import { Icon } from '@novbe/ui';

/** High contrast and larger text, for this citizen only (reset when the session ends). */
export function DisplayToggles() {
  const m = useMessages();
  const highContrast = useKiosk((s) => s.highContrast);
  const largeText = useKiosk((s) => s.largeText);
  const toggleContrast = useKiosk((s) => s.toggleContrast);
  const toggleLargeText = useKiosk((s) => s.toggleLargeText);
  return (
    <div className="display-toggles">
      <button
        type="button"
        className="toggle-button"
        aria-pressed={highContrast}
        data-testid="toggle-contrast"
        onClick={toggleContrast}
      >
        <Icon name="contrast" />
        <span>{m.nav.contrast}</span>
      </button>
      <button
        type="button"
        className="toggle-button"
        aria-pressed={largeText}
        data-testid="toggle-large-text"
        onClick={toggleLargeText}
      >
        <Icon name="text" />
        <span>{m.nav.largerText}</span>
      </button>
    </div>
  );
}
