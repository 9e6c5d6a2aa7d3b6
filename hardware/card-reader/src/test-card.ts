import { computeMrzCheckDigit } from './check-digit';
import type { IdCardRead } from './id-card-read';

/** What to print on a generated card; names in MRZ Latin capitals (Məmmədova → MAMMADOVA), dates ISO. */
export type TestCardSpec = {
  readonly surname?: string;
  readonly givenNames?: string;
  readonly fin?: string;
  readonly documentNumber?: string;
  readonly birthDate?: string;
  readonly expiryDate?: string;
  readonly sex?: 'M' | 'F' | '<';
  readonly nationality?: string;
  readonly issuingState?: string;
  /** Two characters; ID cards are `ID`, a crew card would be `AC`. */
  readonly documentCode?: string;
};

export type TestCard = {
  /** The three TD1 lines, 30 characters each, every check digit valid. */
  readonly lines: readonly [string, string, string];
  /** What a correct parser returns for these lines. */
  readonly expected: IdCardRead;
};

/** The check digits a test may break on purpose. */
export type CheckDigitField = 'documentNumber' | 'birthDate' | 'expiryDate' | 'composite';

const DEFAULTS = {
  surname: 'MAMMADOVA',
  givenNames: 'AYSEL',
  fin: '5ZR7HN2',
  documentNumber: 'AA1234567',
  birthDate: '1990-03-15',
  expiryDate: '2034-06-30',
  sex: 'F',
  nationality: 'AZE',
  issuingState: 'AZE',
  documentCode: 'ID',
} as const satisfies Required<TestCardSpec>;

const SEX_NAME = { M: 'male', F: 'female', '<': 'unspecified' } as const;

/**
 * Builds an Azerbaijani ID card MRZ (ICAO 9303 TD1) with valid check digits, for tests, the emulator and
 * the demo center. The FIN sits first in the optional data of line 1, after any document-number overflow.
 */
export function generateTestCard(spec: TestCardSpec = {}): TestCard {
  const card = { ...DEFAULTS, ...spec };
  const birth = toYymmdd(card.birthDate);
  const expiry = toYymmdd(card.expiryDate);

  let docField: string; // positions 6–30 of line 1: number, check digit, optional data
  const docCheck = computeMrzCheckDigit(card.documentNumber);
  if (card.documentNumber.length <= 9) {
    docField = card.documentNumber.padEnd(9, '<') + docCheck + card.fin;
  } else {
    // ICAO 9303 part 5, note j: long numbers continue in the optional data, check digit after them.
    docField =
      card.documentNumber.slice(0, 9) + '<' + card.documentNumber.slice(9) + docCheck + '<' + card.fin;
  }
  const line1 = fit(card.documentCode.padEnd(2, '<') + card.issuingState + docField, 'line 1');

  const line2Head =
    birth + computeMrzCheckDigit(birth) + card.sex + expiry + computeMrzCheckDigit(expiry) + card.nationality;
  const optional2 = '<'.repeat(11);
  const composite = computeMrzCheckDigit(
    line1.slice(5, 30) + line2Head.slice(0, 7) + line2Head.slice(8, 15) + optional2,
  );
  const line2 = line2Head + optional2 + composite;

  const line3 = fit(`${toMrzName(card.surname)}<<${toMrzName(card.givenNames)}`, 'names');

  return {
    lines: [line1, line2, line3],
    expected: {
      fin: card.fin,
      documentNumber: card.documentNumber,
      surname: card.surname,
      givenNames: card.givenNames,
      birthDate: card.birthDate,
      expiryDate: card.expiryDate,
      sex: SEX_NAME[card.sex],
      nationality: card.nationality,
    },
  };
}

/** Returns the lines with one check digit changed to another digit, as a misread would. */
export function corruptCheckDigit(
  lines: readonly string[],
  field: CheckDigitField,
): [string, string, string] {
  const [line1 = '', line2 = '', line3 = ''] = lines;
  const bump = (line: string, at: number) =>
    line.slice(0, at) + String((Number(line[at]) + 1) % 10) + line.slice(at + 1);
  switch (field) {
    case 'documentNumber':
      return [bump(line1, 14), line2, line3];
    case 'birthDate':
      return [line1, bump(line2, 6), line3];
    case 'expiryDate':
      return [line1, bump(line2, 14), line3];
    case 'composite':
      return [line1, bump(line2, 29), line3];
  }
}

const SURNAMES = [
  'MAMMADOVA',
  'ALIYEV',
  'HASANOVA',
  'HUSEYNOV',
  'GULIYEVA',
  'ISMAYILOV',
  'ABBASOVA',
  'RZAYEV',
];
const GIVEN_NAMES = ['AYSEL', 'RASHAD', 'GUNEL', 'ELCHIN', 'LEYLA', 'TURAL', 'NIGAR', 'FARID'];
/** FIN alphabet: digits and capitals without I and O. */
export const FIN_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A plausible random card, valid on `today` (ISO date); `random` returns [0, 1) like Math.random. */
export function randomTestCardSpec(random: () => number, today: string): TestCardSpec {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(random() * 10))).join('');
  const year = Number(today.slice(0, 4));
  const day = () => String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const month = () => String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const surname = pick(SURNAMES);
  return {
    surname,
    givenNames: pick(GIVEN_NAMES),
    sex: surname.endsWith('A') ? 'F' : 'M',
    fin: Array.from({ length: 7 }, () => pick([...FIN_ALPHABET])).join(''),
    documentNumber: `AA${digits(7)}`,
    birthDate: `${year - 18 - Math.floor(random() * 60)}-${month()}-${day()}`,
    expiryDate: `${year + 1 + Math.floor(random() * 9)}-${month()}-${day()}`,
  };
}

function toYymmdd(iso: string): string {
  const match = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`test card dates are YYYY-MM-DD, got ${iso}`);
  return match[1]! + match[2]! + match[3]!;
}

function toMrzName(name: string): string {
  return name.trim().replace(/[\s-]+/g, '<');
}

function fit(text: string, what: string): string {
  if (text.length > 30 || !/^[A-Z0-9<]*$/.test(text))
    throw new RangeError(`test card ${what} does not fit TD1`);
  return text.padEnd(30, '<');
}
