const LEFT_SHIFT = 0x02;
const ENTER = 0x28;

/** [usage, needs shift] on a US layout, for the characters a wedge reader types. Written out so the
 * emulator does not share the decoder's table and cannot hide its mistakes. */
function keyFor(char: string): [number, boolean] {
  const code = char.charCodeAt(0);
  if (code >= 0x41 && code <= 0x5a) return [0x04 + code - 0x41, true];
  if (code >= 0x61 && code <= 0x7a) return [0x04 + code - 0x61, false];
  if (char >= '1' && char <= '9') return [0x1e + code - 0x31, false];
  switch (char) {
    case '0':
      return [0x27, false];
    case '\r':
    case '\n':
      return [ENTER, false];
    case '<':
      return [0x36, true];
    case '>':
      return [0x37, true];
    case ',':
      return [0x36, false];
    case '.':
      return [0x37, false];
    case ' ':
      return [0x2c, false];
    case '-':
      return [0x2d, false];
    case '/':
      return [0x38, false];
    case '#':
      return [0x20, true];
    case '!':
      return [0x1e, true];
    default:
      throw new RangeError(`the emulated wedge cannot type character code ${code}`);
  }
}

export type HidReportOptions = {
  /** Prefix every report with this report id (9-byte reports), as composite devices do. */
  readonly reportId?: number;
};

/**
 * The boot-keyboard reports (modifier, reserved, 6 key codes) a keyboard-wedge reader sends to type
 * `text`: a press report then an all-keys-up report for each character, as real wedges do.
 */
export function textToHidReports(text: string, options: HidReportOptions = {}): Buffer[] {
  const reports: Buffer[] = [];
  const frame = (bytes: number[]) =>
    Buffer.from(options.reportId === undefined ? bytes : [options.reportId, ...bytes]);
  for (const char of text) {
    const [usage, shift] = keyFor(char);
    reports.push(frame([shift ? LEFT_SHIFT : 0, 0, usage, 0, 0, 0, 0, 0]));
    reports.push(frame([0, 0, 0, 0, 0, 0, 0, 0]));
  }
  return reports;
}

/** Reports for one card read: each MRZ line followed by Enter. */
export function hidReportsForCard(lines: readonly string[], options: HidReportOptions = {}): Buffer[] {
  return textToHidReports(lines.map((line) => `${line}\r`).join(''), options);
}
