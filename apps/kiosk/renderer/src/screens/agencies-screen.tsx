import { useShallow } from 'zustand/react/shallow';
import { Icon } from '@novbe/ui';
import { ScreenFrame } from '../components/screen-frame';
import { useKiosk, useMessages } from '../store/store-context';

/** The center's organisations, government first, with search above them. */
export function AgenciesScreen() {
  const m = useMessages();
  const language = useKiosk((s) => s.language);
  const agencies = useKiosk(useShallow((s) => s.catalog?.agencies ?? []));
  const centerName = useKiosk((s) => s.catalog?.centerName[s.language]);
  const openAgency = useKiosk((s) => s.openAgency);
  const openSearch = useKiosk((s) => s.openSearch);
  const groups = [
    { kind: 'government', label: m.agencies.government },
    { kind: 'private', label: m.agencies.private },
  ] as const;
  return (
    <ScreenFrame screen="agencies" title={m.agencies.title} subtitle={centerName} back={false}>
      <button type="button" className="search-entry" data-testid="open-search" onClick={openSearch}>
        <Icon name="search" />
        <span>{m.agencies.searchHint}</span>
      </button>
      {groups.map(({ kind, label }) => {
        const inGroup = agencies.filter((a) => a.kind === kind);
        if (inGroup.length === 0) return null;
        return (
          <section key={kind} className="agency-group">
            <h2 className="group-title">{label}</h2>
            <div className="tile-grid">
              {inGroup.map((agency) => (
                <button
                  key={agency.id}
                  type="button"
                  className="tile"
                  data-testid={`agency-${agency.id}`}
                  onClick={() => openAgency(agency.id)}
                >
                  <span className="tile-label">{agency.name[language]}</span>
                </button>
              ))}
            </div>
          </section>
        );
      })}
    </ScreenFrame>
  );
}
