import type { CommandSet } from './command-set';

/** A 1-bit image, rows top to bottom, 8 dots a byte, most significant bit leftmost; 1 = black. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly bytesPerRow: number;
  readonly data: Uint8Array;
}

export function emptyRaster(width: number, height: number): Raster {
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, bytesPerRow, data: new Uint8Array(bytesPerRow * height) };
}

export function rasterDot(r: Raster, x: number, y: number): boolean {
  return ((r.data[y * r.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

/** Black dots in the raster: a cheap fingerprint for tests and logs. */
export function blackDots(r: Raster): number {
  let n = 0;
  for (const byte of r.data) {
    let b = byte;
    while (b) {
      n += b & 1;
      b >>= 1;
    }
  }
  return n;
}

/** Packs RGBA pixels (e.g. a canvas' ImageData) to a raster: a dot is black where alpha ≥ 50 %. */
export function rasterFromAlpha(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Raster {
  const r = emptyRaster(width, height);
  const { data, bytesPerRow } = r;
  for (let y = 0; y < height; y++) {
    const rowIn = y * width * 4 + 3;
    const rowOut = y * bytesPerRow;
    for (let x = 0; x < width; x++) {
      if (rgba[rowIn + x * 4]! >= 128) data[rowOut + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return r;
}

export function rastersEqual(a: Raster, b: Raster): boolean {
  if (a.width !== b.width || a.height !== b.height) return false;
  return Buffer.from(a.data.buffer, a.data.byteOffset, a.data.length).equals(
    Buffer.from(b.data.buffer, b.data.byteOffset, b.data.length),
  );
}

/**
 * The printer command that prints `r` as one raster block.
 * EPSON: GS v 0 m xL xH yL yH d… (ESC/POS "print raster bit image").
 * STAR: ESC GS S m xL xH yL yH n d… (Star Line Mode raster, m = 1 single colour, n = 0 tone).
 */
export function rasterCommand(commandSet: CommandSet, r: Raster): Buffer {
  const x = r.bytesPerRow;
  const y = r.height;
  const header =
    commandSet === 'epson'
      ? Buffer.from([0x1d, 0x76, 0x30, 0x00, x & 0xff, x >> 8, y & 0xff, y >> 8])
      : Buffer.from([0x1b, 0x1d, 0x53, 0x01, x & 0xff, x >> 8, y & 0xff, y >> 8, 0x00]);
  return Buffer.concat([header, r.data]);
}

/** `r` without blank rows above and below the ink, keeping `margin` blank rows each side. */
export function cropRows(r: Raster, margin: number): Raster {
  const rowBlank = (y: number) =>
    r.data.subarray(y * r.bytesPerRow, (y + 1) * r.bytesPerRow).every((b) => b === 0);
  let top = 0;
  while (top < r.height && rowBlank(top)) top++;
  if (top === r.height) return r;
  let bottom = r.height - 1;
  while (bottom > top && rowBlank(bottom)) bottom--;
  const from = Math.max(0, top - margin);
  const to = Math.min(r.height, bottom + 1 + margin);
  return { ...r, height: to - from, data: r.data.slice(from * r.bytesPerRow, to * r.bytesPerRow) };
}
