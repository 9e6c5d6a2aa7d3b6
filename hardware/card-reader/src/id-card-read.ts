/** Sex as printed in the MRZ (M, F, or < for unspecified). */
export type CardHolderSex = 'male' | 'female' | 'unspecified';

/**
 * What the kiosk learns from an Azerbaijani ID card. Dates are ISO `YYYY-MM-DD`. This is personal data:
 * keep it only for the transaction (see `CardTransaction`) and never log it.
 */
export type IdCardRead = {
  /** FIN (fərdi identifikasiya nömrəsi): 7 characters, digits and capital letters except I and O. */
  readonly fin: string;
  readonly documentNumber: string;
  readonly surname: string;
  readonly givenNames: string;
  readonly birthDate: string;
  readonly expiryDate: string;
  readonly sex: CardHolderSex;
  /** ICAO three-letter code, `AZE` for citizens. */
  readonly nationality: string;
};
