import { describe, expect, it } from 'vitest';
import { exampleCatalog } from '../../tests/agent-double';
import { foldForSearch } from './fold';
import { buildSearchIndex, searchServices } from './search-services';

const index = buildSearchIndex(exampleCatalog());
const ids = (query: string, language: 'az' | 'ru' | 'en' = 'az') =>
  searchServices(index, query, language).map((s) => s.id);

describe('foldForSearch', () => {
  it('drops diacritics and folds ə and ı, in either case', () => {
    expect(foldForSearch('Şəxsiyyət')).toBe('sexsiyyet');
    expect(foldForSearch('ŞƏXSİYYƏT')).toBe('sexsiyyet');
    expect(foldForSearch('Arayışların')).toBe('arayislarin');
    expect(foldForSearch('Ağ Çörək Üzüm Ödəniş')).toBe('ag corek uzum odenis');
    expect(foldForSearch('Ёлка, Йогурт')).toBe('елка иогурт');
    expect(foldForSearch('  VÖEN-in (vergi) ')).toBe('voen in vergi');
  });
});

describe('searchServices', () => {
  it('finds "Şəxsiyyət vəsiqəsinin verilməsi" from "sexsiyyet", first', () => {
    expect(ids('sexsiyyet')[0]).toBe('dim-id-card');
  });

  it('needs every word, anywhere in the name', () => {
    expect(ids('qeydiyyat neqliyyat')).toEqual(['dim-vehicle']);
    expect(ids('vesiq')).toEqual(expect.arrayContaining(['dim-id-card', 'dim-driving-licence']));
  });

  it('ranks names in the citizen language before other languages and agency names', () => {
    // "pasport" is in the az names of two services, and in no ru name.
    const ru = ids('pasport', 'ru');
    expect(ru).toContain('dim-passport');
    const az = ids('pasport', 'az');
    expect(az[0]).toBe('dim-passport');
  });

  it('matches an agency name and lists its services', () => {
    expect(ids('edliyye').sort()).toEqual(
      exampleCatalog()
        .services.filter((s) => s.agencyId === 'justice')
        .map((s) => s.id)
        .sort(),
    );
  });

  it('finds nothing for an empty or unknown query', () => {
    expect(ids('')).toEqual([]);
    expect(ids('   ')).toEqual([]);
    expect(ids('qqqq')).toEqual([]);
  });
});
