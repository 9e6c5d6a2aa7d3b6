/**
 * What a call says, as the voice pack's clip names in the order they are played: the chime, then
 * the call in each language the center speaks. Pure: no audio, no I/O. The pack's layout and
 * what each clip says are in apps/display/voice/README.md.
 */
export type VoiceLanguage = 'az' | 'ru' | 'en';

/** A language, or `'citizen'`: the language the citizen chose at the kiosk, when the call has one. */
export type LanguageChoice = VoiceLanguage | 'citizen';

/** A call as it is announced. */
export type SpokenCall = {
  /** The ticket's display number: 'A-042', 'AB-7', 'K1-005'. */
  number: string;
  counterNumber: number;
  /** The citizen's language, when the call carries one. */
  language?: VoiceLanguage | undefined;
};

export const CHIME = 'common/chime';
export const PAUSE = 'common/pause';
export const VOICE_LANGUAGES: readonly VoiceLanguage[] = ['az', 'ru', 'en'];

/** The default order: Azerbaijani, then the citizen's language when it differs. */
export const DEFAULT_LANGUAGES: readonly LanguageChoice[] = ['az', 'citizen'];

const isVoiceLanguage = (value: unknown): value is VoiceLanguage =>
  (VOICE_LANGUAGES as readonly unknown[]).includes(value);

/** The languages a call is spoken in, in order, each once; Azerbaijani when none is left. */
export function spokenLanguages(
  choices: readonly LanguageChoice[],
  citizen: VoiceLanguage | undefined,
): VoiceLanguage[] {
  const languages = choices
    .map((choice) => (choice === 'citizen' ? citizen : choice))
    .filter(isVoiceLanguage);
  const unique = [...new Set(languages)];
  return unique.length > 0 ? unique : ['az'];
}

/**
 * A whole number in words of one language, from its digits: leading zeros dropped, 0–999
 * composed ("yüz iyirmi üç", "сто двадцать три", "one hundred twenty-three"), anything longer
 * read digit by digit (the pack has no "thousand").
 */
export function numberClips(lang: VoiceLanguage, digits: string): string[] {
  const clip = (n: number) => `${lang}/num-${n}`;
  const trimmed = digits.replace(/^0+/, '');
  if (trimmed === '') return [clip(0)];
  if (trimmed.length > 3) return [...trimmed].map((d) => clip(Number(d)));
  const n = Number(trimmed);
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const clips = hundreds > 0 ? [clip(hundreds * 100)] : [];
  // Azerbaijani says 11–19 as "on" + unit; Russian and English have a word for each.
  if (lang !== 'az' && rest > 10 && rest < 20) return [...clips, clip(rest)];
  if (rest >= 10) clips.push(clip(Math.floor(rest / 10) * 10));
  if (rest % 10 > 0) clips.push(clip(rest % 10));
  return clips;
}

/**
 * A ticket number's clips: each Latin letter by its name, the digits of a prefix one by one
 * ('K1'), and the number at the end composed, leading zeros dropped ('A-042' → A, forty-two).
 * Separators and any other character are not spoken.
 */
export function ticketClips(lang: VoiceLanguage, ticket: string): string[] {
  const parts = ticket.toUpperCase().match(/[A-Z]|\d+/g) ?? [];
  const last = parts.length - 1;
  return parts.flatMap((part, i) => {
    if (/[A-Z]/.test(part)) return [`${lang}/letter-${part}`];
    if (i === last) return numberClips(lang, part);
    return [...part].map((d) => `${lang}/num-${d}`);
  });
}

/** A counter's number: composed like a ticket's, digit by digit beyond 999. */
function counterClips(lang: VoiceLanguage, counterNumber: number): string[] {
  const n = Number.isFinite(counterNumber) ? Math.max(0, Math.trunc(counterNumber)) : 0;
  return numberClips(lang, n.toFixed(0));
}

/** One language's sentence: "Bilet A qırx iki, beş nömrəli masaya yaxınlaşın." and so on. */
function sentence(lang: VoiceLanguage, call: SpokenCall): string[] {
  const ticket = [`${lang}/phrase-ticket`, ...ticketClips(lang, call.number), PAUSE];
  const counter = counterClips(lang, call.counterNumber);
  const toCounter = `${lang}/phrase-to-counter`;
  // "beş nömrəli masaya": the number comes before the phrase in Azerbaijani, after it elsewhere.
  return lang === 'az' ? [...ticket, ...counter, toCounter] : [...ticket, toCounter, ...counter];
}

/** The clips of one announcement: the chime, then the call in each language, a pause between. */
export function composeCall(
  call: SpokenCall,
  choices: readonly LanguageChoice[] = DEFAULT_LANGUAGES,
): string[] {
  const clips = [CHIME];
  spokenLanguages(choices, call.language).forEach((lang, i) => {
    if (i > 0) clips.push(PAUSE, PAUSE);
    clips.push(...sentence(lang, call));
  });
  return clips;
}
