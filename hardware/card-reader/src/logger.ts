/**
 * The slice of a pino logger the card reader uses. Only reason codes and fields are ever passed to it,
 * never the MRZ, FIN or names.
 */
export type CardReaderLogger = {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
};

/** Stays quiet: the default when the host passes no logger. */
export const silentLogger: CardReaderLogger = {
  info() {},
  warn() {},
};
