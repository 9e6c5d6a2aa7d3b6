import type { Language } from '@novbe/core';

/** Every language a catalogue must carry; the check below keeps it equal to core's `Language`. */
export const CATALOGUE_LANGUAGES = ['az', 'ru', 'en'] as const satisfies readonly Language[];
type MissingLanguage = Exclude<Language, (typeof CATALOGUE_LANGUAGES)[number]>;
const everyLanguageListed: [MissingLanguage] extends [never] ? true : MissingLanguage = true;
void everyLanguageListed;

/**
 * One section of citizen-facing text (the ticket, later the kiosk screens, the hall display),
 * complete in every language. The type forces every language to carry every key, so a missing
 * translation is a compile error rather than a blank on paper.
 */
export type Catalogue<Messages> = { readonly [L in Language]: Readonly<Messages> };

/**
 * Declares a catalogue section. Later issues add theirs the same way (e.g. `kioskMessages =
 * defineCatalogue<KioskMessages>({...})`) and export it from this package.
 */
export function defineCatalogue<Messages>(catalogue: Catalogue<Messages>): Catalogue<Messages> {
  for (const language of CATALOGUE_LANGUAGES) {
    if (!catalogue[language]) throw new Error(`catalogue is missing language "${language}"`);
  }
  return catalogue;
}

/** Fills `{name}` placeholders; an unknown placeholder is a bug, so it throws. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for placeholder {${name}} in "${template}"`);
    return String(value);
  });
}
