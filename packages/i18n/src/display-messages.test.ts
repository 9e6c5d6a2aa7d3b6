import { describe, expect, it } from 'vitest';
import { CATALOGUE_LANGUAGES } from './catalogue';
import { leaves, placeholders } from './catalogue-checks';
import { displayMessages } from './display-messages';

describe('display catalogue', () => {
  const english = leaves(displayMessages.en);

  it('has every string, non-empty, with the same placeholders, in every language', () => {
    for (const language of CATALOGUE_LANGUAGES) {
      const texts = leaves(displayMessages[language]);
      expect([...texts.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [path, text] of texts) {
        expect(text.trim(), `${language}.${path}`).not.toBe('');
        expect(placeholders(text), `${language}.${path}`).toEqual(placeholders(english.get(path)!));
      }
    }
  });

  it('writes Azerbaijani with its own letters, not Cyrillic look-alikes', () => {
    const az = [...leaves(displayMessages.az).values()].join(' ');
    expect(az).toMatch(/[əşçğıöü]/);
    expect(az).not.toMatch(/[\u0400-\u04ff]/);
  });
});
