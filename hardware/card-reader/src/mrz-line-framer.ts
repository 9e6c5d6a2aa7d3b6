import { RegexParser } from '@serialport/parser-regex';

/**
 * Splits a reader's byte stream into lines. Readers end each MRZ line with CR, LF or CR LF, and some
 * wrap the whole read in STX … ETX, so ETX ends a line too; STX stays in the line for the assembler.
 */
export class MrzLineFramer extends RegexParser {
  constructor() {
    // eslint-disable-next-line no-control-regex -- CR, LF and ETX are exactly the bytes we split on.
    super({ regex: /[\r\n\x03]+/ });
  }

  /** Length of the unterminated tail, to bound memory when a reader streams without line ends. */
  get pendingLength(): number {
    return this.data.length;
  }

  /** True when the unterminated tail holds MRZ characters, i.e. a line was cut off rather than noise. */
  hasPendingMrzText(): boolean {
    return /[A-Z0-9<]/.test(this.data);
  }

  /** Forgets the unterminated tail, so a cut-off read cannot glue itself onto the next one. */
  discardPending(): void {
    this.data = '';
  }
}
