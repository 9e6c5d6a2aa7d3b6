import type { KioskMessages } from '@novbe/i18n';
import { Icon } from '@novbe/ui';

/**
 * A touch keyboard: the kiosk has no physical one. Letters in the rows given, then space,
 * erase, clear and the key that switches alphabet.
 */
export function OnScreenKeyboard({
  rows,
  messages,
  onKey,
  onErase,
  onClear,
  onSwitchAlphabet,
}: {
  rows: readonly (readonly string[])[];
  messages: KioskMessages['search'];
  onKey: (text: string) => void;
  onErase: () => void;
  onClear: () => void;
  onSwitchAlphabet: () => void;
}) {
  return (
    <div className="keyboard" data-testid="keyboard">
      {rows.map((row, i) => (
        <div key={i} className="keyboard-row">
          {row.map((key) => (
            <button key={key} type="button" className="key" data-key={key} onClick={() => onKey(key)}>
              {key}
            </button>
          ))}
        </div>
      ))}
      <div className="keyboard-row">
        <button type="button" className="key key-wide" data-testid="key-alphabet" onClick={onSwitchAlphabet}>
          {messages.otherAlphabet}
        </button>
        <button type="button" className="key key-space" data-testid="key-space" onClick={() => onKey(' ')}>
          {messages.space}
        </button>
        <button
          type="button"
          className="key key-wide"
          data-testid="key-erase"
          aria-label={messages.erase}
          onClick={onErase}
        >
          <Icon name="erase" />
        </button>
        <button type="button" className="key key-wide" data-testid="key-clear" onClick={onClear}>
          {messages.clear}
        </button>
      </div>
    </div>
  );
}
