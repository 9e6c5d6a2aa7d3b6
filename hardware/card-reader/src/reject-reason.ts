/** Why a card read was refused. Only this code (and the field) may be logged, never the MRZ itself. */
export const CardRejectReason = {
  /** Bytes that are not a well-formed MRZ: wrong characters, wrong line length, impossible values. */
  Garbled: 'garbled',
  /** Some lines arrived, then the reader went silent or a new read started. */
  Partial: 'partial',
  /** A check digit does not match; `field` names which one. */
  BadCheckDigit: 'bad-check-digit',
  Expired: 'expired',
  /** A passport (TD3), visa, TD2 document, or a TD1 document that is not an Azerbaijani ID card. */
  NotAnIdCard: 'not-an-id-card',
  /** The optional data holds no valid 7-character FIN. */
  BadFin: 'bad-fin',
} as const;
export type CardRejectReason = (typeof CardRejectReason)[keyof typeof CardRejectReason];

/** The MRZ fields a rejection can point at; check-digit rejections use the first four. */
export type MrzField =
  | 'documentNumber'
  | 'birthDate'
  | 'expiryDate'
  | 'composite'
  | 'documentCode'
  | 'issuingState'
  | 'nationality'
  | 'sex'
  | 'names'
  | 'optionalData'
  | 'fin';

/** A refused read: a code, the field when one is to blame, and a message free of personal data. */
export type CardRejection = {
  readonly reason: CardRejectReason;
  readonly field?: MrzField;
  readonly message: string;
};
