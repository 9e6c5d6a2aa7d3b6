import { kioskMessages } from '@novbe/i18n';
import type { Language } from '@novbe/core';
import { DisplayToggles } from '../components/display-toggles';
import { Icon } from '@novbe/ui';
import { useKiosk, useMessages } from '../store/store-context';

const LANGUAGES: readonly Language[] = ['az', 'ru', 'en'];

/** What a passer-by sees: the center, "touch to start", and a way in through each language. */
export function AttractScreen() {
  const m = useMessages();
  const language = useKiosk((s) => s.language);
  const centerName = useKiosk((s) => s.catalog?.centerName[s.language] ?? '');
  const start = useKiosk((s) => s.start);
  return (
    <div className="screen screen-attract" data-screen="attract">
      <button type="button" className="attract-start" data-testid="start" onClick={() => start()}>
        <span className="attract-brand">Növbə</span>
        <span className="attract-center">{centerName}</span>
        <span className="attract-welcome">{m.attract.welcome}</span>
        <span className="attract-touch">
          <Icon name="chevron" />
          {m.attract.touchToStart}
        </span>
      </button>
      <div className="attract-languages">
        {LANGUAGES.map((l) => (
          <button
            key={l}
            type="button"
            lang={l}
            className="attract-language"
            aria-pressed={l === language}
            data-testid={`start-${l}`}
            onClick={() => start(l)}
          >
            <span className="attract-language-name">{kioskMessages[l].languageName}</span>
            <span className="attract-language-hint">{kioskMessages[l].attract.touchToStart}</span>
          </button>
        ))}
      </div>
      <DisplayToggles />
    </div>
  );
}
