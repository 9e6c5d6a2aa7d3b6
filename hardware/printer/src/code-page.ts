import iconv from 'iconv-lite';
import type { Language } from '@novbe/core';

/**
 * A printer code page: node-thermal-printer's name for it (which selects ESC t n / ESC GS t n)
 * and iconv-lite's name for its byte table.
 */
export interface CodePage {
  readonly name: 'PC437_USA' | 'PC857_TURKISH' | 'PC866_CYRILLIC2';
  readonly encoding: 'cp437' | 'cp857' | 'cp866';
}

/**
 * The page each language prints its text in. CP857 (Turkish) holds ç ğ ı İ ö ş ü, the widest
 * cover of Azerbaijani a ROM code page gives, and is on almost every ESC/POS and Star printer;
 * ə/Ə are in no page at all, so lines with them go out as raster images (see ticket-bytes.ts).
 * CP866 holds all of Russian.
 */
export const CODE_PAGE_FOR: Readonly<Record<Language, CodePage>> = {
  az: { name: 'PC857_TURKISH', encoding: 'cp857' },
  ru: { name: 'PC866_CYRILLIC2', encoding: 'cp866' },
  en: { name: 'PC437_USA', encoding: 'cp437' },
};

/**
 * Typographic punctuation that no DOS code page has, and what a printer can show instead. Only
 * punctuation: a letter is never substituted, a line with an unprintable letter is rasterized.
 */
const PUNCTUATION_FALLBACK: Readonly<Record<string, string>> = {
  '\u2013': '-', // en dash
  '\u2014': '-', // em dash
  '\u2212': '-', // minus
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u00ab': '"', // « (CP866 lacks it)
  '\u00bb': '"',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
};

const encodable = new Map<string, boolean>();

/** Whether one character has a byte in `page` (iconv-lite writes "?" for those it lacks). */
export function canEncodeChar(char: string, page: CodePage): boolean {
  const key = `${page.encoding}:${char}`;
  let ok = encodable.get(key);
  if (ok === undefined) {
    ok = char === '?' || iconv.decode(iconv.encode(char, page.encoding), page.encoding) === char;
    encodable.set(key, ok);
  }
  return ok;
}

/**
 * `text` as the printer can print it in `page` (punctuation swapped for plain look-alikes),
 * or `undefined` when some letter has no byte there and the line must be rasterized.
 */
export function printableInCodePage(text: string, page: CodePage): string | undefined {
  let out = '';
  for (const char of text) {
    if (char >= ' ' && char <= '~') out += char;
    else if (canEncodeChar(char, page)) out += char;
    else if (PUNCTUATION_FALLBACK[char] !== undefined) out += PUNCTUATION_FALLBACK[char];
    else return undefined;
  }
  return out;
}
