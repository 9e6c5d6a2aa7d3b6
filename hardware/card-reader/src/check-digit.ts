/** Value of one MRZ character in the ICAO 9303 check digit: digits 0–9, letters A=10…Z=35, filler < = 0. */
function mrzCharValue(char: string): number {
  const code = char.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  if (char === '<') return 0;
  throw new RangeError(`not an MRZ character: code ${code}`);
}

const WEIGHTS = [7, 3, 1] as const;

/**
 * ICAO 9303 part 3 check digit (weights 7-3-1, modulus 10). Written here rather than taken from the
 * `mrz` package so the test cards we generate check that parser instead of agreeing with it by construction.
 */
export function computeMrzCheckDigit(text: string): string {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += mrzCharValue(text[i]!) * WEIGHTS[i % 3]!;
  return String(sum % 10);
}
