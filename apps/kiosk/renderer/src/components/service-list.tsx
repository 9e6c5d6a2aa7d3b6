import type { Language } from '@novbe/core';
import type { KioskCatalog } from '@novbe/protocol';
import { Icon } from '@novbe/ui';

type Service = KioskCatalog['services'][number];

/** Services as one column of wide rows; `agencyNames` adds each one's agency (search results). */
export function ServiceList({
  services,
  language,
  onOpen,
  agencyNames,
}: {
  services: readonly Service[];
  language: Language;
  onOpen: (serviceId: string) => void;
  agencyNames?: ReadonlyMap<string, string>;
}) {
  return (
    <ul className="service-list">
      {services.map((service) => (
        <li key={service.id}>
          <button
            type="button"
            className="service-row"
            data-testid={`service-${service.id}`}
            onClick={() => onOpen(service.id)}
          >
            <span className="service-row-text">
              <span className="service-row-name">{service.name[language]}</span>
              {agencyNames && <span className="service-row-agency">{agencyNames.get(service.agencyId)}</span>}
            </span>
            <Icon name="chevron" />
          </button>
        </li>
      ))}
    </ul>
  );
}
