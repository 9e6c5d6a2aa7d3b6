import type { CommandSet } from '../command-set';

/**
 * The emulated printer's own code tables (what ESC t n / ESC GS t n select), written from the
 * Epson and Star manuals rather than taken from the driver, so the two cross-check each other.
 * Values are iconv-lite encoding names.
 */
const EPSON: Readonly<Record<number, string>> = {
  0: 'cp437',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  13: 'cp857',
  16: 'cp1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
  34: 'cp855',
  45: 'win1250',
  46: 'win1251',
  48: 'win1254',
};

const STAR: Readonly<Record<number, string>> = {
  0: 'cp437',
  1: 'cp437',
  3: 'cp437',
  4: 'cp858',
  5: 'cp852',
  6: 'cp860',
  7: 'cp861',
  8: 'cp863',
  9: 'cp865',
  10: 'cp866',
  11: 'cp855',
  12: 'cp857',
  32: 'cp1252',
  33: 'win1250',
  34: 'win1251',
};

/** The encoding of code table `table`, or undefined when this emulated printer has no such table. */
export function codeTableEncoding(commandSet: CommandSet, table: number): string | undefined {
  return (commandSet === 'epson' ? EPSON : STAR)[table];
}
