import { emptyRaster } from '../raster';
import {
  BufferedParser,
  fixed,
  garbage,
  MAX_RASTER_BYTES_PER_ROW,
  MAX_RASTER_ROWS,
  op,
  rt,
  textRun,
  type Decoded,
} from './ops';

const ESC = 0x1b;
const GS = 0x1d;
const RS = 0x1e;

/** ESC x commands of Star Line Mode with fixed parameters that the emulator does not draw. */
const ESC_FIXED_IGNORED: Readonly<Record<number, [number, string]>> = {
  0x5f: [1, 'ESC _ (upperline)'],
  0x57: [1, 'ESC W (double width)'],
  0x68: [1, 'ESC h (double height)'],
  0x07: [2, 'ESC BEL (drawer pulse)'],
  0x52: [1, 'ESC R (international character set)'],
  0x36: [0, 'ESC 6 (character set 1)'],
  0x37: [0, 'ESC 7 (character set 2)'],
  0x4d: [0, 'ESC M (12 dot pitch)'],
  0x50: [0, 'ESC P (15 dot pitch)'],
  0x3a: [0, 'ESC : (16 dot pitch)'],
  0x6c: [1, 'ESC l (left margin)'],
  0x51: [1, 'ESC Q (right margin)'],
  0x43: [1, 'ESC C (page length)'],
  0x2f: [1, 'ESC / (slash zero)'],
};

/**
 * Star Line Mode (TSP100/TSP650/TSP700 family): text and code pages, styles, raster images
 * (ESC GS S), QR (ESC GS y), cuts (ESC d), ETB, and the real-time ASB request (ESC ACK SOH).
 */
export class StarLineParser extends BufferedParser {
  protected decode(b: Buffer): Decoded {
    const c = b[0]!;
    if (c >= 0x20) {
      const n = textRun(b);
      return { item: op({ op: 'text', bytes: Uint8Array.from(b.subarray(0, n)) }), length: n };
    }
    switch (c) {
      case 0x0a:
        return { item: op({ op: 'newline' }), length: 1 };
      case 0x0b: // VT with no tab stops set: a line feed
        return { item: op({ op: 'newline' }), length: 1 };
      case 0x0c:
        return { item: op({ op: 'feed-lines', lines: 1 }), length: 1 };
      case 0x17:
        return { item: op({ op: 'etb' }), length: 1 };
      case 0x18:
        return { item: op({ op: 'init' }), length: 1 };
      case 0x0e:
        return { item: op({ op: 'size', width: 2, height: 1 }), length: 1 };
      case 0x14:
        return { item: op({ op: 'size', width: 1, height: 1 }), length: 1 };
      case 0x0d:
      case 0x07:
      case 0x1c:
      case 0x0f:
      case 0x12:
      case RS:
      case 0x04:
      case 0x05:
        return { item: op({ op: 'ignored', command: `control 0x${c.toString(16)}` }), length: 1 };
      case ESC:
        return this.#esc(b);
      default:
        return { item: garbage(1, `control byte 0x${c.toString(16).padStart(2, '0')}`), length: 1 };
    }
  }

  #esc(b: Buffer): Decoded {
    if (b.length < 2) return undefined;
    const cmd = b[1]!;
    const n = b[2];
    switch (cmd) {
      case 0x40:
        return { item: op({ op: 'init' }), length: 2 };
      case 0x45:
        return { item: op({ op: 'bold', on: true }), length: 2 };
      case 0x46:
        return { item: op({ op: 'bold', on: false }), length: 2 };
      case 0x34:
        return { item: op({ op: 'invert', on: true }), length: 2 };
      case 0x35:
        return { item: op({ op: 'invert', on: false }), length: 2 };
      case 0x2d:
        return fixed(b, 3, n === undefined ? undefined : op({ op: 'underline', on: n % 48 !== 0 }));
      case 0x69:
        // ESC i n1 n2: height then width expansion, 0–5 (or '0'–'5').
        return fixed(
          b,
          4,
          b.length < 4 ? undefined : op({ op: 'size', height: (b[2]! % 48) + 1, width: (b[3]! % 48) + 1 }),
        );
      case 0x64:
        // ESC d n: 0/2 full cut, 1/3 partial cut ('0'–'3' too); 2/3 feed to the cutter first.
        return fixed(
          b,
          3,
          n === undefined ? undefined : op({ op: 'cut', partial: n % 48 === 1 || n % 48 === 3 }),
        );
      case 0x61:
        return fixed(b, 3, n === undefined ? undefined : op({ op: 'feed-lines', lines: n }));
      case 0x4a:
        return fixed(b, 3, n === undefined ? undefined : op({ op: 'feed', dots: n * 2 }));
      case 0x49:
        return fixed(b, 3, n === undefined ? undefined : op({ op: 'feed', dots: n }));
      case 0x30:
        return { item: op({ op: 'line-spacing', dots: 25 }), length: 2 };
      case 0x32:
        return { item: op({ op: 'line-spacing', dots: undefined }), length: 2 };
      case 0x7a:
        return fixed(
          b,
          3,
          n === undefined ? undefined : op({ op: 'line-spacing', dots: n === 0 ? 25 : undefined }),
        );
      case 0x06:
        // ESC ACK SOH: real-time ASB request.
        if (n === undefined) return undefined;
        return n === 0x01
          ? { item: rt({ rt: 'star-asb' }), length: 3 }
          : { item: garbage(3, 'ESC ACK without SOH'), length: 3 };
      case RS:
        // ESC RS x n: ASB/ETB/beep settings; all one sub-command byte and one parameter.
        return fixed(b, 4, op({ op: 'ignored', command: `ESC RS ${String.fromCharCode(n ?? 0x20)}` }));
      case GS:
        return this.#escGs(b);
      case 0x6b: {
        // ESC k n1 n2 d…: 24-dot-high image band, n1 + 256 n2 bytes a row (as node-thermal-printer sends it).
        if (b.length < 4) return undefined;
        const length = 4 + (b[2]! + b[3]! * 256) * 24;
        return b.length < length
          ? undefined
          : { item: op({ op: 'ignored', command: 'ESC k (image band)' }), length };
      }
      case 0x4b: {
        if (b.length < 4) return undefined;
        const length = 4 + b[2]!;
        return b.length < length
          ? undefined
          : { item: op({ op: 'ignored', command: 'ESC K (bit image)' }), length };
      }
      case 0x62: {
        // ESC b n1 n2 n3 n4 d… RS: barcode.
        const end = b.indexOf(RS, 6);
        if (end === -1)
          return b.length > 300 ? { item: garbage(2, 'ESC b without RS'), length: 2 } : undefined;
        return { item: op({ op: 'ignored', command: 'ESC b (barcode)' }), length: end + 1 };
      }
      default: {
        const known = ESC_FIXED_IGNORED[cmd];
        if (known) return fixed(b, 2 + known[0], op({ op: 'ignored', command: known[1] }));
        return { item: garbage(2, `unknown command ESC 0x${cmd.toString(16)}`), length: 2 };
      }
    }
  }

  #escGs(b: Buffer): Decoded {
    if (b.length < 3) return undefined;
    const sub = b[2]!;
    switch (sub) {
      case 0x61: // ESC GS a n: alignment
        return fixed(
          b,
          4,
          b.length < 4
            ? undefined
            : op({ op: 'align', align: (['left', 'center', 'right'] as const)[b[3]! % 48] ?? 'left' }),
        );
      case 0x74: // ESC GS t n: code page
        return fixed(b, 4, b.length < 4 ? undefined : op({ op: 'code-page', table: b[3]! }));
      case 0x53: {
        // ESC GS S m xL xH yL yH n d…: raster image.
        if (b.length < 9) return undefined;
        const x = b[4]! + b[5]! * 256;
        const y = b[6]! + b[7]! * 256;
        if (x < 1 || y < 1 || x > MAX_RASTER_BYTES_PER_ROW || y > MAX_RASTER_ROWS) {
          return { item: garbage(9, `ESC GS S size ${x}×${y} out of range`), length: 9 };
        }
        const length = 9 + x * y;
        if (b.length < length) return undefined;
        const raster = emptyRaster(x * 8, y);
        raster.data.set(b.subarray(9, length));
        return { item: op({ op: 'raster', raster }), length };
      }
      case 0x79:
        return this.#qr(b);
      default:
        return { item: garbage(3, `unknown command ESC GS 0x${sub.toString(16)}`), length: 3 };
    }
  }

  /** ESC GS y S 0|1|2 n (model, ECC, cell), ESC GS y D 1 m nL nH d… (data), ESC GS y P (print). */
  #qr(b: Buffer): Decoded {
    if (b.length < 4) return undefined;
    const fn = b[3]!;
    if (fn === 0x50) return { item: op({ op: 'qr-print' }), length: 4 };
    if (fn === 0x53) {
      if (b.length < 6) return undefined;
      const key = ({ 0x30: 'model', 0x31: 'ecc', 0x32: 'cell' } as const)[b[4]! as 0x30 | 0x31 | 0x32];
      if (!key) return { item: garbage(6, 'unknown ESC GS y S setting'), length: 6 };
      return { item: op({ op: 'qr-setting', key, value: b[5]! }), length: 6 };
    }
    if (fn === 0x44) {
      if (b.length < 8) return undefined;
      if (b[4] !== 0x31) return { item: garbage(5, 'ESC GS y D other than auto (1)'), length: 5 };
      const length = 8 + b[6]! + b[7]! * 256;
      if (b.length < length) return undefined;
      return { item: op({ op: 'qr-store', data: Uint8Array.from(b.subarray(8, length)) }), length };
    }
    if (fn === 0x49) return { item: op({ op: 'ignored', command: 'ESC GS y I (QR info)' }), length: 4 };
    return { item: garbage(4, `unknown ESC GS y 0x${fn.toString(16)}`), length: 4 };
  }
}
