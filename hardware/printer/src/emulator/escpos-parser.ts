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
const DLE = 0x10;
const FS = 0x1c;

/** ESC x commands with a fixed number of parameter bytes that the emulator does not draw. */
const ESC_FIXED_IGNORED: Readonly<Record<number, [number, string]>> = {
  0x20: [1, 'ESC SP (character spacing)'],
  0x24: [2, 'ESC $ (absolute position)'],
  0x25: [1, 'ESC % (user-defined characters on/off)'],
  0x3d: [1, 'ESC = (peripheral device)'],
  0x3f: [1, 'ESC ? (cancel user-defined character)'],
  0x42: [2, 'ESC B (buzzer)'],
  0x47: [1, 'ESC G (double strike)'],
  0x4c: [0, 'ESC L (page mode)'],
  0x4d: [1, 'ESC M (font)'],
  0x52: [1, 'ESC R (international character set)'],
  0x53: [0, 'ESC S (standard mode)'],
  0x54: [1, 'ESC T (page direction)'],
  0x56: [1, 'ESC V (rotation)'],
  0x57: [8, 'ESC W (page area)'],
  0x5c: [2, 'ESC \\ (relative position)'],
  0x63: [2, 'ESC c (paper sensors / panel buttons)'],
  0x65: [1, 'ESC e (reverse feed)'],
  0x69: [0, 'ESC i (legacy cut)'],
  0x6d: [0, 'ESC m (legacy cut)'],
  0x70: [3, 'ESC p (drawer pulse)'],
  0x72: [1, 'ESC r (colour)'],
  0x75: [1, 'ESC u (peripheral status)'],
  0x76: [0, 'ESC v (paper sensor status)'],
  0x7b: [1, 'ESC { (upside down)'],
};

/** GS x commands with a fixed number of parameter bytes that the emulator does not draw. */
const GS_FIXED_IGNORED: Readonly<Record<number, [number, string]>> = {
  0x24: [2, 'GS $ (absolute vertical position)'],
  0x2f: [1, 'GS / (print downloaded image)'],
  0x3a: [0, 'GS : (macro)'],
  0x48: [1, 'GS H (barcode text position)'],
  0x49: [1, 'GS I (printer ID)'],
  0x4c: [2, 'GS L (left margin)'],
  0x50: [2, 'GS P (motion units)'],
  0x54: [1, 'GS T (print position)'],
  0x57: [2, 'GS W (print area width)'],
  0x5c: [2, 'GS \\ (relative vertical position)'],
  0x5e: [3, 'GS ^ (macro run)'],
  0x61: [1, 'GS a (automatic status back)'],
  0x62: [1, 'GS b (smoothing)'],
  0x63: [0, 'GS c (print counter)'],
  0x66: [1, 'GS f (barcode text font)'],
  0x68: [1, 'GS h (barcode height)'],
  0x77: [1, 'GS w (barcode width)'],
  0x7c: [1, 'GS | (print density)'],
};

/**
 * ESC/POS as Epson documents it (TM-T88 family), enough to print and check what receipt
 * software sends: text and code pages, styles, raster images (GS v 0), QR (GS ( k), cuts and
 * the status commands. Length-prefixed commands it does not draw are skipped by their length,
 * so they never desynchronise the stream.
 */
export class EscPosParser extends BufferedParser {
  protected decode(b: Buffer): Decoded {
    const c = b[0]!;
    if (c >= 0x20) {
      const n = textRun(b);
      return { item: op({ op: 'text', bytes: Uint8Array.from(b.subarray(0, n)) }), length: n };
    }
    switch (c) {
      case 0x0a:
        return { item: op({ op: 'newline' }), length: 1 };
      case 0x0d:
      case 0x09:
      case 0x0c:
      case 0x18:
        return { item: op({ op: 'ignored', command: `control 0x${c.toString(16)}` }), length: 1 };
      case ESC:
        return this.#esc(b);
      case GS:
        return this.#gs(b);
      case DLE:
        return this.#dle(b);
      case FS:
        return this.#fs(b);
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
      case 0x21:
        return fixed(
          b,
          3,
          n === undefined
            ? undefined
            : op({
                op: 'print-mode',
                bold: (n & 0x08) !== 0,
                height: n & 0x10 ? 2 : 1,
                width: n & 0x20 ? 2 : 1,
                underline: (n & 0x80) !== 0,
              }),
        );
      case 0x45:
        return fixed(b, 3, n === undefined ? undefined : op({ op: 'bold', on: (n & 1) === 1 }));
      case 0x2d:
        return fixed(b, 3, n === undefined ? undefined : op({ op: 'underline', on: n % 48 !== 0 }));
      case 0x61:
        return fixed(
          b,
          3,
          n === undefined
            ? undefined
            : op({ op: 'align', align: (['left', 'center', 'right'] as const)[n % 48] ?? 'left' }),
        );
      case 0x74:
        return fixed(b, 3, n === undefined ? undefined : op({ op: 'code-page', table: n }));
      case 0x64:
        return fixed(b, 3, n === undefined ? undefined : op({ op: 'feed-lines', lines: n }));
      case 0x4a:
        return fixed(b, 3, n === undefined ? undefined : op({ op: 'feed', dots: n }));
      case 0x32:
        return { item: op({ op: 'line-spacing', dots: undefined }), length: 2 };
      case 0x33:
        return fixed(b, 3, n === undefined ? undefined : op({ op: 'line-spacing', dots: n }));
      case 0x44: {
        // ESC D n1 … NUL: tab stops, at most 32.
        const end = b.indexOf(0, 2);
        if (end === -1)
          return b.length > 34 ? { item: garbage(2, 'ESC D without NUL'), length: 2 } : undefined;
        return { item: op({ op: 'ignored', command: 'ESC D (tab stops)' }), length: end + 1 };
      }
      case 0x26:
        return this.#userDefinedChars(b);
      case 0x2a: {
        // ESC * m nL nH d…: column bit image, 8 or 24 dots high.
        if (b.length < 5) return undefined;
        const m = b[2]!;
        const columns = b[3]! + b[4]! * 256;
        const bytesPerColumn = m === 32 || m === 33 ? 3 : 1;
        const length = 5 + columns * bytesPerColumn;
        return b.length < length
          ? undefined
          : { item: op({ op: 'ignored', command: 'ESC * (bit image)' }), length };
      }
      case 0x28: {
        // ESC ( x pL pH …: length-prefixed (beeper and friends).
        if (b.length < 5) return undefined;
        const length = 5 + b[3]! + b[4]! * 256;
        return b.length < length
          ? undefined
          : { item: op({ op: 'ignored', command: `ESC ( ${String.fromCharCode(b[2]!)}` }), length };
      }
      default: {
        const known = ESC_FIXED_IGNORED[cmd];
        if (known) return fixed(b, 2 + known[0], op({ op: 'ignored', command: known[1] }));
        return { item: garbage(2, `unknown command ESC 0x${cmd.toString(16)}`), length: 2 };
      }
    }
  }

  /** ESC & y c1 c2 [x d1…d(y×x)]…: defines characters c1..c2; parsed to skip it exactly. */
  #userDefinedChars(b: Buffer): Decoded {
    if (b.length < 5) return undefined;
    const y = b[2]!;
    const c1 = b[3]!;
    const c2 = b[4]!;
    if (y < 1 || y > 3 || c1 < 32 || c2 > 126 || c1 > c2)
      return { item: garbage(2, 'bad ESC & header'), length: 2 };
    let pos = 5;
    for (let ch = c1; ch <= c2; ch++) {
      if (b.length <= pos) return undefined;
      pos += 1 + y * b[pos]!;
    }
    return b.length < pos
      ? undefined
      : { item: op({ op: 'ignored', command: 'ESC & (define characters)' }), length: pos };
  }

  #gs(b: Buffer): Decoded {
    if (b.length < 2) return undefined;
    const cmd = b[1]!;
    const n = b[2];
    switch (cmd) {
      case 0x21:
        return fixed(
          b,
          3,
          n === undefined ? undefined : op({ op: 'size', width: ((n >> 4) & 7) + 1, height: (n & 7) + 1 }),
        );
      case 0x42:
        return fixed(b, 3, n === undefined ? undefined : op({ op: 'invert', on: (n & 1) === 1 }));
      case 0x56: {
        // GS V m, or GS V m n for m = 65/66/97/98/103/104 (feed then cut).
        if (n === undefined) return undefined;
        const withFeed = [65, 66, 97, 98, 103, 104].includes(n);
        const partial = [1, 49, 66, 98, 104].includes(n);
        if (withFeed && b.length < 4) return undefined;
        return { item: op({ op: 'cut', partial }), length: withFeed ? 4 : 3 };
      }
      case 0x72:
        return fixed(b, 3, n === undefined ? undefined : op({ op: 'transmit-status', n }));
      case 0x76:
        return this.#rasterImage(b);
      case 0x28:
        return this.#gsParen(b);
      case 0x38: {
        // GS 8 L p1 p2 p3 p4 …: graphics with a 4-byte length.
        if (b.length < 7) return undefined;
        const length = 7 + b.readUInt32LE(3);
        if (length > 4 * 1024 * 1024) return { item: garbage(3, 'GS 8 L length out of range'), length: 3 };
        return b.length < length
          ? undefined
          : { item: op({ op: 'ignored', command: 'GS 8 L (graphics)' }), length };
      }
      case 0x6b:
        return this.#barcode(b);
      case 0x2a: {
        // GS * x y d…: define downloaded bit image, x × y × 8 bytes.
        if (b.length < 4) return undefined;
        const length = 4 + b[2]! * b[3]! * 8;
        return b.length < length
          ? undefined
          : { item: op({ op: 'ignored', command: 'GS * (download image)' }), length };
      }
      default: {
        const known = GS_FIXED_IGNORED[cmd];
        if (known) return fixed(b, 2 + known[0], op({ op: 'ignored', command: known[1] }));
        return { item: garbage(2, `unknown command GS 0x${cmd.toString(16)}`), length: 2 };
      }
    }
  }

  /** GS v 0 m xL xH yL yH d…: raster image, x bytes per row, y rows. */
  #rasterImage(b: Buffer): Decoded {
    if (b.length < 8) return undefined;
    if (b[2] !== 0x30) return { item: garbage(3, 'GS v without 0'), length: 3 };
    const x = b[4]! + b[5]! * 256;
    const y = b[6]! + b[7]! * 256;
    if (x < 1 || y < 1 || x > MAX_RASTER_BYTES_PER_ROW || y > MAX_RASTER_ROWS) {
      return { item: garbage(8, `GS v 0 size ${x}×${y} out of range`), length: 8 };
    }
    const length = 8 + x * y;
    if (b.length < length) return undefined;
    const raster = emptyRaster(x * 8, y);
    raster.data.set(b.subarray(8, length));
    return { item: op({ op: 'raster', raster }), length };
  }

  /** GS ( x pL pH cn fn …: the 2D-code family; QR (k, cn 49) is decoded, the rest skipped. */
  #gsParen(b: Buffer): Decoded {
    if (b.length < 5) return undefined;
    const sub = b[2]!;
    const length = 5 + b[3]! + b[4]! * 256;
    if (b.length < length) return undefined;
    if (sub !== 0x6b || length < 7 || b[5] !== 49) {
      return { item: op({ op: 'ignored', command: `GS ( ${String.fromCharCode(sub)}` }), length };
    }
    const fn = b[6]!;
    const arg = b[7] ?? 0;
    switch (fn) {
      case 65:
        return { item: op({ op: 'qr-setting', key: 'model', value: arg - 48 }), length };
      case 67:
        return { item: op({ op: 'qr-setting', key: 'cell', value: arg }), length };
      case 69:
        return { item: op({ op: 'qr-setting', key: 'ecc', value: arg - 48 }), length };
      case 80:
        return { item: op({ op: 'qr-store', data: Uint8Array.from(b.subarray(8, length)) }), length };
      case 81:
        return { item: op({ op: 'qr-print' }), length };
      default:
        return { item: op({ op: 'ignored', command: `GS ( k QR fn ${fn}` }), length };
    }
  }

  /** GS k m …: m 0–6 data ends at NUL, m 65–79 has a length byte. */
  #barcode(b: Buffer): Decoded {
    if (b.length < 3) return undefined;
    const m = b[2]!;
    if (m <= 6) {
      const end = b.indexOf(0, 3);
      if (end === -1) return b.length > 260 ? { item: garbage(3, 'GS k without NUL'), length: 3 } : undefined;
      return { item: op({ op: 'ignored', command: 'GS k (barcode)' }), length: end + 1 };
    }
    if (b.length < 4) return undefined;
    const length = 4 + b[3]!;
    return b.length < length ? undefined : { item: op({ op: 'ignored', command: 'GS k (barcode)' }), length };
  }

  #dle(b: Buffer): Decoded {
    if (b.length < 3) return undefined;
    const cmd = b[1]!;
    const n = b[2]!;
    if (cmd === 0x04) {
      // DLE EOT 7/8 take one more byte (ink / peripheral); the rest answer one status byte.
      if (n === 7 || n === 8) return fixed(b, 4, rt({ rt: 'dle-eot', n }));
      return { item: rt({ rt: 'dle-eot', n }), length: 3 };
    }
    if (cmd === 0x05) return { item: rt({ rt: 'dle-enq', n }), length: 3 };
    if (cmd === 0x14) {
      // DLE DC4 fn …: 1 pulse (m t), 2 power-off (1 8), 7 buzzer (3 more), 8 clear buffers (1 3 20 1 6 2 8).
      const lengths: Record<number, number> = { 1: 5, 2: 5, 7: 6, 8: 10 };
      const length = lengths[n];
      if (length === undefined) return { item: garbage(3, `unknown DLE DC4 ${n}`), length: 3 };
      if (b.length < length) return undefined;
      if (n === 8) {
        const magic = [1, 3, 20, 1, 6, 2, 8];
        const ok = magic.every((v, i) => b[3 + i] === v);
        return {
          item: ok ? rt({ rt: 'clear-buffers' }) : garbage(length, 'DLE DC4 8 with wrong key'),
          length,
        };
      }
      return { item: op({ op: 'ignored', command: `DLE DC4 ${n}` }), length };
    }
    return { item: garbage(2, `unknown command DLE 0x${cmd.toString(16)}`), length: 2 };
  }

  #fs(b: Buffer): Decoded {
    if (b.length < 2) return undefined;
    const cmd = b[1]!;
    const params: Record<number, number> = {
      0x26: 0,
      0x2e: 0,
      0x21: 1,
      0x2d: 1,
      0x43: 1,
      0x57: 1,
      0x53: 2,
      0x70: 2,
    };
    const count = params[cmd];
    if (count === undefined)
      return { item: garbage(2, `unknown command FS 0x${cmd.toString(16)}`), length: 2 };
    return fixed(b, 2 + count, op({ op: 'ignored', command: `FS 0x${cmd.toString(16)} (kanji/NV)` }));
  }
}
