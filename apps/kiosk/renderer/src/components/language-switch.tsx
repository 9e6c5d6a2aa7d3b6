import { kioskMessages } from '@novbe/i18n';
import type { Language } from '@novbe/core';
import { useKiosk, useMessages } from '../store/store-context';

const LANGUAGES: readonly Language[] = ['az', 'ru', 'en'];

/** The three languages, each named in itself; the current one is marked. */
export function LanguageSwitch() {
  const language = useKiosk((s) => s.language);
  const setLanguage = useKiosk((s) => s.setLanguage);
  const m = useMessages();
  return (
    <div className="language-switch" role="group" aria-label={m.nav.language}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="language-button"
          aria-pressed={l === language}
          data-testid={`lang-${l}`}
          onClick={() => setLanguage(l)}
        >
          <span className="language-code">{l.toUpperCase()}</span>
          <span className="language-name">{kioskMessages[l].languageName}</span>
        </button>
      ))}
    </div>
  );
}
