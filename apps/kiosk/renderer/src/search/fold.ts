/** Letters that do not decompose into a base letter plus a mark. */
const SPECIAL: Readonly<Record<string, string>> = { ı: 'i', ə: 'e', ß: 'ss' };

/**
 * Text as search compares it: lower case, without diacritics, Azerbaijani ə and ı folded to
 * e and i, punctuation as spaces. "Şəxsiyyət" and "sexsiyyet" fold to the same word, as do
 * "İş" and "is", "Ёлка" and "елка".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıəß]/g, (c) => SPECIAL[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
