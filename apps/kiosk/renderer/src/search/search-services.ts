import type { Language } from '@novbe/core';
import type { KioskCatalog } from '@novbe/protocol';
import { foldForSearch } from './fold';

type CatalogService = KioskCatalog['services'][number];

interface Entry {
  readonly service: CatalogService;
  readonly name: Readonly<Record<Language, string>>;
  /** Every language's service and agency names, for a query typed in another language. */
  readonly everything: string;
}

/** A catalogue prepared for search: names folded once, not on every key press. */
export type SearchIndex = readonly Entry[];

/** Folds every service's names (all languages) and its agency's names. */
export function buildSearchIndex(catalog: KioskCatalog): SearchIndex {
  const agencies = new Map(catalog.agencies.map((a) => [a.id, a]));
  return catalog.services.map((service) => {
    const agency = agencies.get(service.agencyId);
    const name = {
      az: foldForSearch(service.name.az),
      ru: foldForSearch(service.name.ru),
      en: foldForSearch(service.name.en),
    };
    const agencyNames = agency ? [agency.name.az, agency.name.ru, agency.name.en].map(foldForSearch) : [];
    return { service, name, everything: [name.az, name.ru, name.en, ...agencyNames].join(' ') };
  });
}

const startsAWord = (haystack: string, token: string) =>
  haystack.startsWith(token) || haystack.includes(` ${token}`);

/**
 * Services whose name contains every word of the query, diacritic-insensitive, best first:
 * matches in the citizen's language before matches in another language or in the agency name,
 * word starts before word middles.
 */
export function searchServices(
  index: SearchIndex,
  query: string,
  language: Language,
  limit = 24,
): CatalogService[] {
  const tokens = foldForSearch(query).split(' ').filter(Boolean);
  if (tokens.length === 0) return [];
  const scored: { service: CatalogService; score: number; label: string }[] = [];
  for (const entry of index) {
    const own = entry.name[language];
    let score: number;
    if (tokens.every((t) => own.includes(t))) score = 4 + (tokens.every((t) => startsAWord(own, t)) ? 2 : 0);
    else if (tokens.every((t) => entry.everything.includes(t)))
      score = 1 + (tokens.every((t) => startsAWord(entry.everything, t)) ? 1 : 0);
    else continue;
    scored.push({ service: entry.service, score, label: entry.service.name[language] });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label, language))
    .slice(0, limit)
    .map((s) => s.service);
}
