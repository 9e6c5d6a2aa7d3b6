import { seededRandom } from './seeded-random';

/** How a serial reader frames one MRZ read. */
export type SerialFraming = 'cr' | 'crlf' | 'stx-etx' | 'joined';

export type SerialReadOptions = {
  /** Default `crlf`. `stx-etx` wraps the read in STX … ETX, `joined` sends the 90 characters as one line. */
  readonly framing?: SerialFraming;
  /** Noise bytes (NUL, XON/XOFF, DEL, 0x80, 0xFE, 0xFF, space) sprinkled at random positions. */
  readonly noiseBytes?: number;
  /** A line of printable garbage before the read, as a reader sends when a card is swiped badly. */
  readonly garbageBefore?: boolean;
  /** Keep only the first n bytes: the card was pulled out mid-read. */
  readonly truncateTo?: number;
  /** Randomness for noise positions; default seeded, so runs repeat. */
  readonly random?: () => number;
};

export type ChunkOptions = {
  /** Bytes per write: a fixed size, or a random size in [min, max]. Default: all at once. */
  readonly chunkSize?: number | { readonly min: number; readonly max: number };
  readonly random?: () => number;
};

// Never CR, LF, STX or ETX: noise that looks like framing would break any reader, ours or a vendor's.
const NOISE = [0x00, 0x11, 0x13, 0x7f, 0x80, 0xfe, 0xff, 0x20] as const;
const GARBAGE_LINE = '#?~ !! *** ~?#';

/** The bytes a serial MRZ reader sends for one read of `lines`. */
export function encodeSerialRead(lines: readonly string[], options: SerialReadOptions = {}): Buffer {
  const random = options.random ?? seededRandom(1);
  let text: string;
  switch (options.framing ?? 'crlf') {
    case 'cr':
      text = lines.map((line) => `${line}\r`).join('');
      break;
    case 'crlf':
      text = lines.map((line) => `${line}\r\n`).join('');
      break;
    case 'stx-etx':
      text = `\x02${lines.join('\r')}\x03`;
      break;
    case 'joined':
      text = `${lines.join('')}\r\n`;
      break;
  }
  if (options.garbageBefore) text = `${GARBAGE_LINE}\r\n${text}`;
  const bytes = [...Buffer.from(text, 'latin1')];
  for (let i = 0; i < (options.noiseBytes ?? 0); i++) {
    const at = Math.floor(random() * (bytes.length + 1));
    bytes.splice(at, 0, NOISE[Math.floor(random() * NOISE.length)]!);
  }
  const out = Buffer.from(bytes);
  return options.truncateTo === undefined ? out : out.subarray(0, options.truncateTo);
}

/** Splits bytes into the chunks a UART, USB CDC or pty might deliver. */
export function splitIntoChunks(bytes: Uint8Array, options: ChunkOptions = {}): Buffer[] {
  const size = options.chunkSize;
  if (size === undefined) return [Buffer.from(bytes)];
  const random = options.random ?? seededRandom(2);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const n = typeof size === 'number' ? size : size.min + Math.floor(random() * (size.max - size.min + 1));
    chunks.push(Buffer.from(bytes.subarray(at, at + Math.max(1, n))));
    at += Math.max(1, n);
  }
  return chunks;
}
