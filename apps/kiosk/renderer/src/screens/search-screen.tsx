import { useMemo } from 'react';
import { Icon } from '@novbe/ui';
import { OnScreenKeyboard } from '../components/on-screen-keyboard';
import { ScreenFrame } from '../components/screen-frame';
import { ServiceList } from '../components/service-list';
import { keyboardRows } from '../search/keyboard-layouts';
import { buildSearchIndex, searchServices } from '../search/search-services';
import { useKiosk, useMessages } from '../store/store-context';

/** Search by name, typed on the touch keyboard; diacritics do not matter. */
export function SearchScreen() {
  const m = useMessages();
  const language = useKiosk((s) => s.language);
  const catalog = useKiosk((s) => s.catalog);
  const query = useKiosk((s) => s.query);
  const alphabet = useKiosk((s) => s.alphabet);
  const typeKey = useKiosk((s) => s.typeKey);
  const erase = useKiosk((s) => s.erase);
  const clearQuery = useKiosk((s) => s.clearQuery);
  const switchAlphabet = useKiosk((s) => s.switchAlphabet);
  const openService = useKiosk((s) => s.openService);

  const index = useMemo(() => (catalog ? buildSearchIndex(catalog) : []), [catalog]);
  const results = useMemo(() => searchServices(index, query, language), [index, query, language]);
  const agencyNames = useMemo(
    () => new Map((catalog?.agencies ?? []).map((a) => [a.id, a.name[language]])),
    [catalog, language],
  );
  const typed = query.trim().length > 0;

  return (
    <ScreenFrame
      screen="search"
      title={m.search.title}
      actions={
        <OnScreenKeyboard
          rows={keyboardRows(alphabet, language)}
          messages={m.search}
          onKey={typeKey}
          onErase={erase}
          onClear={clearQuery}
          onSwitchAlphabet={switchAlphabet}
        />
      }
    >
      <div className={`search-field${typed ? '' : ' is-empty'}`} role="search" data-testid="search-field">
        <Icon name="search" />
        <output className="search-text" aria-live="polite">
          {typed ? query : m.search.placeholder}
        </output>
      </div>
      {typed && results.length === 0 && (
        <p className="notice" data-testid="no-results">
          {m.search.noResults}
        </p>
      )}
      <ServiceList services={results} language={language} onOpen={openService} agencyNames={agencyNames} />
    </ScreenFrame>
  );
}
