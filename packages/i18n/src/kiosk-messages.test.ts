import { describe, expect, it } from 'vitest';
import { CATALOGUE_LANGUAGES } from './catalogue';
import { leaves, placeholders } from './catalogue-checks';
import { kioskMessages } from './kiosk-messages';

describe('kiosk catalogue', () => {
  const english = leaves(kioskMessages.en);

  it('has every string, non-empty, in every language', () => {
    for (const language of CATALOGUE_LANGUAGES) {
      const texts = leaves(kioskMessages[language]);
      expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [path, text] of texts) expect(text.trim(), `${language}.${path}`).not.toBe('');
    }
  });

  it('uses the same placeholders in every language', () => {
    for (const language of CATALOGUE_LANGUAGES)
      for (const [path, text] of leaves(kioskMessages[language]))
        expect(placeholders(text), `${language}.${path}`).toEqual(placeholders(english.get(path)!));
  });

  it('writes Azerbaijani with its own letters, not Cyrillic look-alikes', () => {
    const az = [...leaves(kioskMessages.az).values()].join(' ');
    expect(az).toContain('ə'); // U+0259
    expect(az).toMatch(/[şçğıöü]/);
    // Cyrillic schwa (U+04D9) and other Cyrillic letters must not sneak in, apart from the
    // keyboard key that switches to the Cyrillic alphabet.
    const withoutAlphabetKey = az.replace(kioskMessages.az.search.otherAlphabet, '');
    expect(withoutAlphabetKey).not.toMatch(/[\u0400-\u04ff]/);
  });

  it('names each language in that language', () => {
    expect(kioskMessages.az.languageName).toBe('Azərbaycanca');
    expect(kioskMessages.ru.languageName).toBe('Русский');
    expect(kioskMessages.en.languageName).toBe('English');
  });
});
