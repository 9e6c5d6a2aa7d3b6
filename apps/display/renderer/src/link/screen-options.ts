import type { Language } from '@novbe/core';

/** What this screen shows, from its address: `?mode=hall&hall=hall-1&lang=ru`, `?mode=counter&counter=counter-3`. */
export type ScreenOptions =
  | {
      readonly mode: 'hall';
      readonly hallId: string | null;
      readonly language: Language;
      readonly sound: boolean;
    }
  | { readonly mode: 'counter'; readonly counterId: string; readonly language: Language }
  | { readonly mode: 'choose'; readonly language: Language };

const LANGUAGES: readonly string[] = ['az', 'ru', 'en'];

/** Reads the screen's options from its query string; anything unknown falls back to choosing. */
export function screenOptions(search: string): ScreenOptions {
  const q = new URLSearchParams(search);
  const lang = q.get('lang');
  const language = (lang && LANGUAGES.includes(lang) ? lang : 'az') as Language;
  const mode = q.get('mode');
  if (mode === 'hall')
    return { mode, hallId: q.get('hall') || null, language, sound: q.get('sound') !== 'off' };
  const counterId = q.get('counter');
  if (mode === 'counter' && counterId) return { mode, counterId, language };
  return { mode: 'choose', language };
}

/** A pairing code handed over in the address (`#pair=12345678`), once; removed from the address. */
export function takePairingCode(location: Location, history: History): string | null {
  const code = /(?:^#|&)pair=([\w-]{6,32})/.exec(location.hash)?.[1] ?? null;
  if (code) history.replaceState(null, '', location.pathname + location.search);
  return code;
}
