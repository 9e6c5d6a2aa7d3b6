/**
 * An Azerbaijani FIN: 7 characters of digits and capital letters. I and O are never issued, so that a
 * FIN read by eye or by OCR cannot be confused with 1 and 0.
 */
const FIN_PATTERN = /^[0-9A-HJ-NP-Z]{7}$/;

/** True when `text` is a well-formed FIN. */
export function isValidFin(text: string): boolean {
  return FIN_PATTERN.test(text);
}

/**
 * The FIN candidate in a TD1 first line: the first token of the optional data (positions 16–30). When
 * the document number is longer than 9 characters, ICAO puts `<` at position 15 and continues the number
 * (then its check digit) at the start of the optional data; the FIN follows that overflow.
 * Returns the raw token, which may be malformed; `null` when the optional data is empty.
 */
export function findFinCandidate(firstLine: string): string | null {
  let optional = firstLine.slice(15, 30);
  if (firstLine[14] === '<' && optional[0] !== '<') {
    const overflowEnd = optional.indexOf('<');
    optional = overflowEnd === -1 ? '' : optional.slice(overflowEnd);
  }
  const token = optional.replace(/^<+/, '').split('<')[0] ?? '';
  return token === '' ? null : token;
}
