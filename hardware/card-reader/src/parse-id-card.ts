import { parse as parseMrz, type Details, type FieldName } from 'mrz';

import { findFinCandidate, isValidFin } from './fin';
import type { CardHolderSex, IdCardRead } from './id-card-read';
import { birthDateToIso, expiryDateToIso, todayIn } from './mrz-dates';
import { CardRejectReason, type CardRejection, type MrzField } from './reject-reason';

export type ParseIdCardOptions = {
  /** The moment of the read, for the expiry check (injected so tests and replays are deterministic). */
  readonly now: Date;
  /** The center's time zone: a card stays valid until the end of its expiry day there. Default Asia/Baku. */
  readonly timeZone?: string;
  /** Issuing states accepted; default only AZE. */
  readonly issuingStates?: readonly string[];
};

export type CardParseResult = { ok: true; value: IdCardRead } | { ok: false; error: CardRejection };

const MRZ_LINE = /^[A-Z0-9<]+$/;
/** TD1 is 3 × 30; TD2 (2 × 36) and TD3 passports (2 × 44) are other documents. */
const TD1_LENGTH = 30;
const OTHER_FORMAT_LENGTHS = new Set([36, 44]);

/** Check digits in the order we report them: a bad document number also breaks the composite, so name it first. */
const CHECK_DIGITS: ReadonlyArray<[FieldName, MrzField, string]> = [
  ['documentNumberCheckDigit', 'documentNumber', 'document number'],
  ['birthDateCheckDigit', 'birthDate', 'birth date'],
  ['expirationDateCheckDigit', 'expiryDate', 'expiry date'],
  ['compositeCheckDigit', 'composite', 'composite'],
];

const FIELD_OF: Partial<Record<FieldName, MrzField>> = {
  documentCode: 'documentCode',
  issuingState: 'issuingState',
  documentNumber: 'documentNumber',
  optional1: 'optionalData',
  optional2: 'optionalData',
  birthDate: 'birthDate',
  sex: 'sex',
  expirationDate: 'expiryDate',
  nationality: 'nationality',
  lastName: 'names',
  firstName: 'names',
};

const SEX: Record<string, CardHolderSex> = { male: 'male', female: 'female', nonspecified: 'unspecified' };

/**
 * Parses and verifies the MRZ of an Azerbaijani ID card (ICAO 9303 TD1): every check digit, the FIN and
 * the expiry. Never throws for bad input; the rejection names the reason and the field but holds no MRZ text.
 */
export function parseIdCardMrz(lines: readonly string[], options: ParseIdCardOptions): CardParseResult {
  const shape = checkShape(lines);
  if (shape) return reject(shape);
  const first = lines[0]!;

  if (first[0] !== 'I') {
    return reject({
      reason: CardRejectReason.NotAnIdCard,
      field: 'documentCode',
      message: 'document code is not I (ID card)',
    });
  }
  const issuingStates = options.issuingStates ?? ['AZE'];
  if (!issuingStates.includes(first.slice(2, 5))) {
    return reject({
      reason: CardRejectReason.NotAnIdCard,
      field: 'issuingState',
      message: 'issuing state is not accepted',
    });
  }

  let details: Details[];
  let fields: Partial<Record<FieldName, string | null>>;
  try {
    ({ details, fields } = parseMrz(lines));
  } catch {
    return reject({ reason: CardRejectReason.Garbled, message: 'the MRZ parser refused the lines' });
  }
  const byField = new Map(details.flatMap((d) => (d.field ? [[d.field, d] as const] : [])));

  for (const [mrzField, field, label] of CHECK_DIGITS) {
    if (byField.get(mrzField)?.valid !== true) {
      return reject({
        reason: CardRejectReason.BadCheckDigit,
        field,
        message: `check digit of the ${label} does not match`,
      });
    }
  }
  const invalid = details.find((d) => !d.valid);
  if (invalid) {
    const field = invalid.field ? FIELD_OF[invalid.field] : undefined;
    return reject({
      reason: CardRejectReason.Garbled,
      ...(field && { field }),
      message: `malformed ${invalid.label.toLowerCase()}`,
    });
  }

  const today = todayIn(options.now, options.timeZone ?? 'Asia/Baku');
  const birthDate = birthDateToIso(fields.birthDate ?? '', today);
  if (!birthDate)
    return reject({
      reason: CardRejectReason.Garbled,
      field: 'birthDate',
      message: 'birth date does not exist',
    });
  const expiryDate = expiryDateToIso(fields.expirationDate ?? '', today);
  if (!expiryDate)
    return reject({
      reason: CardRejectReason.Garbled,
      field: 'expiryDate',
      message: 'expiry date does not exist',
    });

  const fin = findFinCandidate(first);
  if (fin === null || !isValidFin(fin)) {
    return reject({
      reason: CardRejectReason.BadFin,
      field: 'fin',
      message: 'no valid 7-character FIN in the optional data',
    });
  }
  if (expiryDate < today)
    return reject({ reason: CardRejectReason.Expired, field: 'expiryDate', message: 'the card has expired' });

  return {
    ok: true,
    value: {
      fin,
      documentNumber: fields.documentNumber ?? '',
      surname: fields.lastName ?? '',
      givenNames: fields.firstName ?? '',
      birthDate,
      expiryDate,
      sex: SEX[fields.sex ?? ''] ?? 'unspecified',
      nationality: fields.nationality ?? '',
    },
  };
}

function checkShape(lines: readonly string[]): CardRejection | null {
  if (lines.length === 0 || lines.some((line) => !MRZ_LINE.test(line))) {
    return { reason: CardRejectReason.Garbled, message: 'lines hold characters outside the MRZ alphabet' };
  }
  const length = lines[0]!.length;
  if (lines.some((line) => line.length !== length)) {
    return { reason: CardRejectReason.Garbled, message: 'MRZ lines differ in length' };
  }
  if (OTHER_FORMAT_LENGTHS.has(length)) {
    return {
      reason: CardRejectReason.NotAnIdCard,
      message: `a ${length === 44 ? 'passport (TD3)' : 'TD2'} MRZ, not an ID card`,
    };
  }
  if (length !== TD1_LENGTH)
    return { reason: CardRejectReason.Garbled, message: 'MRZ lines are not 30 characters long' };
  if (lines.length < 3)
    return { reason: CardRejectReason.Partial, message: `only ${lines.length} of 3 MRZ lines` };
  if (lines.length > 3) return { reason: CardRejectReason.Garbled, message: 'more than 3 MRZ lines' };
  return null;
}

function reject(error: CardRejection): CardParseResult {
  return { ok: false, error };
}
