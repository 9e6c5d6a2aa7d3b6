/** The slice of a pino logger the shell uses; a pino child logger fits it as is. */
export interface ShellLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Stays quiet: the default when the host passes no logger. */
export const silentLogger: ShellLogger = { info() {}, warn() {}, error() {} };
