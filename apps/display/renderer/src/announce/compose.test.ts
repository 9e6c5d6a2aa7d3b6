import { describe, expect, it } from 'vitest';
import manifest from '../../../voice/pack/manifest.json';
import {
  CHIME,
  composeCall,
  numberClips,
  PAUSE,
  spokenLanguages,
  ticketClips,
  VOICE_LANGUAGES,
  type VoiceLanguage,
} from './compose';

const inPack = new Set(Object.keys(manifest.clips));
const words = (clips: string[]) => clips.map((c) => c.replace(/^\w+\/(num-|letter-|phrase-)?/, ''));

describe('numberClips', () => {
  it('composes Azerbaijani numbers, 11–19 as "on" + unit', () => {
    expect(words(numberClips('az', '123'))).toEqual(['100', '20', '3']);
    expect(words(numberClips('az', '015'))).toEqual(['10', '5']);
    expect(words(numberClips('az', '200'))).toEqual(['200']);
    expect(words(numberClips('az', '910'))).toEqual(['900', '10']);
  });

  it('composes Russian and English with their own teens', () => {
    for (const lang of ['ru', 'en'] as const) {
      expect(words(numberClips(lang, '123'))).toEqual(['100', '20', '3']);
      expect(words(numberClips(lang, '115'))).toEqual(['100', '15']);
      expect(words(numberClips(lang, '10'))).toEqual(['10']);
      expect(words(numberClips(lang, '040'))).toEqual(['40']);
    }
  });

  it('says zero as zero and reads numbers past 999 digit by digit', () => {
    expect(numberClips('az', '000')).toEqual(['az/num-0']);
    expect(words(numberClips('ru', '1042'))).toEqual(['1', '0', '4', '2']);
    expect(words(numberClips('en', '0001042'))).toEqual(['1', '0', '4', '2']);
  });

  it.each(VOICE_LANGUAGES)('composes every number 0–999 in %s only from clips in the pack', (lang) => {
    const wrong: string[] = [];
    for (let n = 0; n <= 999; n++) {
      const clips = numberClips(lang, String(n));
      if (clips.length === 0 || clips.length > 3) wrong.push(`${n}: ${clips.length} words`);
      wrong.push(...clips.filter((clip) => !inPack.has(clip)).map((clip) => `${n}: ${clip}`));
    }
    expect(wrong).toEqual([]);
  });

  it.each(VOICE_LANGUAGES)('has a clip for every letter A–Z in %s', (lang) => {
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') expect(inPack).toContain(`${lang}/letter-${letter}`);
  });
});

describe('ticketClips', () => {
  it('spells the prefix, drops leading zeros and composes the number', () => {
    expect(words(ticketClips('az', 'A-042'))).toEqual(['A', '40', '2']);
    expect(words(ticketClips('en', 'AB-7'))).toEqual(['A', 'B', '7']);
    expect(words(ticketClips('ru', 'dv-017'))).toEqual(['D', 'V', '17']);
  });

  it("reads an offline kiosk prefix's digits one by one", () => {
    expect(words(ticketClips('az', 'K1-005'))).toEqual(['K', '1', '5']);
    expect(words(ticketClips('en', 'K12-110'))).toEqual(['K', '1', '2', '100', '10']);
  });

  it('handles a number without separator, zero and a long offline sequence', () => {
    expect(words(ticketClips('az', 'A042'))).toEqual(['A', '40', '2']);
    expect(words(ticketClips('ru', 'A-000'))).toEqual(['A', '0']);
    expect(words(ticketClips('en', 'K2-123456'))).toEqual(['K', '2', '1', '2', '3', '4', '5', '6']);
  });
});

describe('spokenLanguages', () => {
  it("adds the citizen's language when it differs, each language once", () => {
    expect(spokenLanguages(['az', 'citizen'], 'ru')).toEqual(['az', 'ru']);
    expect(spokenLanguages(['az', 'citizen'], 'az')).toEqual(['az']);
    expect(spokenLanguages(['az', 'citizen'], undefined)).toEqual(['az']);
    expect(spokenLanguages(['citizen', 'az'], 'en')).toEqual(['en', 'az']);
    expect(spokenLanguages(['az', 'ru', 'citizen'], 'ru')).toEqual(['az', 'ru']);
  });

  it('falls back to Azerbaijani when nothing is left', () => {
    expect(spokenLanguages(['citizen'], undefined)).toEqual(['az']);
    expect(spokenLanguages([], 'ru')).toEqual(['az']);
  });
});

describe('composeCall', () => {
  it('chimes, then speaks Azerbaijani, then the citizen language, in each natural order', () => {
    expect(composeCall({ number: 'A-042', counterNumber: 5, language: 'ru' })).toEqual([
      CHIME,
      'az/phrase-ticket',
      'az/letter-A',
      'az/num-40',
      'az/num-2',
      PAUSE,
      'az/num-5',
      'az/phrase-to-counter',
      PAUSE,
      PAUSE,
      'ru/phrase-ticket',
      'ru/letter-A',
      'ru/num-40',
      'ru/num-2',
      PAUSE,
      'ru/phrase-to-counter',
      'ru/num-5',
    ]);
  });

  it('speaks one language when the citizen chose Azerbaijani or the call has none', () => {
    const az = composeCall({ number: 'B-7', counterNumber: 12, language: 'az' });
    expect(az).toEqual(composeCall({ number: 'B-7', counterNumber: 12 }));
    expect(az.filter((c) => c.endsWith('phrase-ticket'))).toEqual(['az/phrase-ticket']);
  });

  it('follows the configured order and reads a counter past 999 digit by digit', () => {
    const clips = composeCall({ number: 'C-1', counterNumber: 1000, language: 'en' }, ['citizen', 'az']);
    expect(clips.slice(0, 8)).toEqual([
      CHIME,
      'en/phrase-ticket',
      'en/letter-C',
      'en/num-1',
      PAUSE,
      'en/phrase-to-counter',
      'en/num-1',
      'en/num-0',
    ]);
    expect(clips.at(-1)).toBe('az/phrase-to-counter');
  });

  it.each(VOICE_LANGUAGES)(
    'builds %s calls for counters 1–999 only from clips in the pack',
    (lang: VoiceLanguage) => {
      const missing = new Set<string>();
      for (let counterNumber = 1; counterNumber <= 999; counterNumber++) {
        const call = {
          number: `AB-${String(counterNumber).padStart(3, '0')}`,
          counterNumber,
          language: lang,
        };
        for (const clip of composeCall(call, [lang])) if (!inPack.has(clip)) missing.add(clip);
      }
      expect([...missing]).toEqual([]);
    },
  );
});
