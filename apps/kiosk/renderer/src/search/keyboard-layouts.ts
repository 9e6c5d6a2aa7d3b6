import type { Language } from '@novbe/core';
import type { Alphabet } from '../store/session-slice';

/**
 * The on-screen keyboard's letter rows. Latin follows the Azerbaijani layout (so ə, ğ, ı, ö,
 * ş, ç, ü each have a key) for az, plain QWERTY for en; Cyrillic is ЙЦУКЕН.
 */
export function keyboardRows(alphabet: Alphabet, language: Language): readonly string[][] {
  if (alphabet === 'cyrillic') return [[...'ЙЦУКЕНГШЩЗХЪ'], [...'ФЫВАПРОЛДЖЭ'], [...'ЯЧСМИТЬБЮЁ']];
  if (language === 'az') return [[...'QÜERTYUİOPÖĞ'], [...'ASDFGHJKLIƏ'], [...'ZXCVBNMÇŞ']];
  return [[...'QWERTYUIOP'], [...'ASDFGHJKL'], [...'ZXCVBNM']];
}
