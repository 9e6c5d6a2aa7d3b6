/**
 * What every clip of the voice pack says, per language: the one list a studio reads from and
 * the generator speaks. A clip's name is its file name without the extension.
 *
 * Numbers are composed from these words (compose.ts in the renderer): Azerbaijani 11–19 as
 * "on" + unit ("on bir"), Russian and English have their own teens; every language has whole
 * hundreds ("iki yüz", "двести", "two hundred") so 1–999 needs at most three words.
 */
export type VoiceLanguage = 'az' | 'ru' | 'en';

/** One clip: what it must say, and (when espeak-ng needs other spelling to say it) what it is fed. */
export type ClipLine = { name: string; say: string; espeak?: string };

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/** Units, teens where the language has them, tens and hundreds; index = value. */
const NUMBERS: Record<VoiceLanguage, Record<number, string>> = {
  az: {
    0: 'sıfır',
    1: 'bir',
    2: 'iki',
    3: 'üç',
    4: 'dörd',
    5: 'beş',
    6: 'altı',
    7: 'yeddi',
    8: 'səkkiz',
    9: 'doqquz',
    10: 'on',
    20: 'iyirmi',
    30: 'otuz',
    40: 'qırx',
    50: 'əlli',
    60: 'altmış',
    70: 'yetmiş',
    80: 'səksən',
    90: 'doxsan',
    100: 'yüz',
    200: 'iki yüz',
    300: 'üç yüz',
    400: 'dörd yüz',
    500: 'beş yüz',
    600: 'altı yüz',
    700: 'yeddi yüz',
    800: 'səkkiz yüz',
    900: 'doqquz yüz',
  },
  ru: {
    0: 'ноль',
    1: 'один',
    2: 'два',
    3: 'три',
    4: 'четыре',
    5: 'пять',
    6: 'шесть',
    7: 'семь',
    8: 'восемь',
    9: 'девять',
    10: 'десять',
    11: 'одиннадцать',
    12: 'двенадцать',
    13: 'тринадцать',
    14: 'четырнадцать',
    15: 'пятнадцать',
    16: 'шестнадцать',
    17: 'семнадцать',
    18: 'восемнадцать',
    19: 'девятнадцать',
    20: 'двадцать',
    30: 'тридцать',
    40: 'сорок',
    50: 'пятьдесят',
    60: 'шестьдесят',
    70: 'семьдесят',
    80: 'восемьдесят',
    90: 'девяносто',
    100: 'сто',
    200: 'двести',
    300: 'триста',
    400: 'четыреста',
    500: 'пятьсот',
    600: 'шестьсот',
    700: 'семьсот',
    800: 'восемьсот',
    900: 'девятьсот',
  },
  en: {
    0: 'zero',
    1: 'one',
    2: 'two',
    3: 'three',
    4: 'four',
    5: 'five',
    6: 'six',
    7: 'seven',
    8: 'eight',
    9: 'nine',
    10: 'ten',
    11: 'eleven',
    12: 'twelve',
    13: 'thirteen',
    14: 'fourteen',
    15: 'fifteen',
    16: 'sixteen',
    17: 'seventeen',
    18: 'eighteen',
    19: 'nineteen',
    20: 'twenty',
    30: 'thirty',
    40: 'forty',
    50: 'fifty',
    60: 'sixty',
    70: 'seventy',
    80: 'eighty',
    90: 'ninety',
    100: 'one hundred',
    200: 'two hundred',
    300: 'three hundred',
    400: 'four hundred',
    500: 'five hundred',
    600: 'six hundred',
    700: 'seven hundred',
    800: 'eight hundred',
    900: 'nine hundred',
  },
};

/** How each language names the Latin letters of ticket prefixes, A to Z. */
const LETTER_NAMES: Record<VoiceLanguage, string[]> = {
  // The Azerbaijani alphabet's names; W, not in it, as it is usually said.
  az: 'a be ce de e fe ge he ı je ka el em en o pe qe er se te u ve dabl-ve xe ye ze'.split(' '),
  ru: 'а бэ цэ дэ е эф гэ аш и йот ка эль эм эн о пэ ку эр эс тэ у вэ дубль-вэ икс игрек зэт'.split(' '),
  en: 'ay bee see dee ee ef jee aitch eye jay kay el em en oh pee cue ar ess tee you vee double-you ex why zed'.split(
    ' ',
  ),
};

/** The phrases around the numbers; see the README for how each sits in the sentence. */
const PHRASES: Record<VoiceLanguage, { ticket: string; toCounter: string }> = {
  az: { ticket: 'Bilet', toCounter: 'nömrəli masaya yaxınlaşın' },
  ru: { ticket: 'Билет', toCounter: 'подойдите к окну номер' },
  en: { ticket: 'Ticket', toCounter: 'please go to counter' },
};

/**
 * espeak-ng's own spelling of a lone capital letter is right in az and en; ru reads the name,
 * except two it says badly: "эф" as "эв", and "и" as the 40 ms conjunction (a long [i:] instead).
 */
function letterEspeak(lang: VoiceLanguage, letter: string, name: string): string | undefined {
  if (lang === 'ru') return ({ эф: 'эфф', и: "[['i:]]" } as Record<string, string>)[name];
  if (lang === 'az' && letter === 'W') return 'dabl ve';
  return letter;
}

/** Every spoken clip of one language, in a stable order. */
export function voiceScript(lang: VoiceLanguage): ClipLine[] {
  const lines: ClipLine[] = [
    { name: 'phrase-ticket', say: PHRASES[lang].ticket },
    { name: 'phrase-to-counter', say: PHRASES[lang].toCounter },
  ];
  for (const [value, say] of Object.entries(NUMBERS[lang])) lines.push({ name: `num-${value}`, say });
  LETTERS.forEach((letter, i) => {
    const say = LETTER_NAMES[lang][i]!;
    const espeak = letterEspeak(lang, letter, say);
    lines.push({ name: `letter-${letter}`, say, ...(espeak === undefined ? {} : { espeak }) });
  });
  return lines;
}

/** espeak-ng's voice for each language. */
export const ESPEAK_VOICE: Record<VoiceLanguage, string> = { az: 'az', ru: 'ru', en: 'en' };

export const VOICE_LANGUAGES: readonly VoiceLanguage[] = ['az', 'ru', 'en'];
