import type { Raster } from '../raster';

export type OpAlign = 'left' | 'center' | 'right';

/**
 * One decoded printer command that takes effect in stream order (after everything before it
 * has printed). Real-time commands are separate: a printer answers those the moment they arrive.
 */
export type PrintOp =
  | { readonly op: 'text'; readonly bytes: Uint8Array }
  | { readonly op: 'newline' }
  | { readonly op: 'init' }
  | { readonly op: 'align'; readonly align: OpAlign }
  | { readonly op: 'bold'; readonly on: boolean }
  | { readonly op: 'underline'; readonly on: boolean }
  | { readonly op: 'invert'; readonly on: boolean }
  /** Character magnification, 1–8 each way. */
  | { readonly op: 'size'; readonly width: number; readonly height: number }
  /** ESC ! n: bold, double height, double width, underline in one byte. */
  | {
      readonly op: 'print-mode';
      readonly bold: boolean;
      readonly width: number;
      readonly height: number;
      readonly underline: boolean;
    }
  /** The printer's own code-table number (its meaning depends on the command set). */
  | { readonly op: 'code-page'; readonly table: number }
  | { readonly op: 'feed'; readonly dots: number }
  | { readonly op: 'feed-lines'; readonly lines: number }
  /** Line spacing in dots; undefined = the default. */
  | { readonly op: 'line-spacing'; readonly dots: number | undefined }
  | { readonly op: 'raster'; readonly raster: Raster }
  | { readonly op: 'qr-setting'; readonly key: 'model' | 'cell' | 'ecc'; readonly value: number }
  | { readonly op: 'qr-store'; readonly data: Uint8Array }
  | { readonly op: 'qr-print' }
  | { readonly op: 'cut'; readonly partial: boolean }
  /** GS r n: paper sensor status, answered in stream order (so it confirms what came before). */
  | { readonly op: 'transmit-status'; readonly n: number }
  /** Star ETB: bumps the ETB counter in stream order, for the same purpose. */
  | { readonly op: 'etb' }
  /** Understood and deliberately not drawn (buzzer, drawer, barcode settings, …). */
  | { readonly op: 'ignored'; readonly command: string };

export type RealtimeCommand =
  /** DLE EOT n (EPSON): one status byte. */
  | { readonly rt: 'dle-eot'; readonly n: number }
  /** DLE ENQ n (EPSON): 1 = recover and resume, 2 = recover and clear buffers. */
  | { readonly rt: 'dle-enq'; readonly n: number }
  /** DLE DC4 8 (EPSON): clear receive and print buffers. */
  | { readonly rt: 'clear-buffers' }
  /** ESC ACK SOH (STAR): automatic status (ASB) on request. */
  | { readonly rt: 'star-asb' };

export type ParsedItem =
  | { readonly kind: 'op'; readonly op: PrintOp }
  | { readonly kind: 'realtime'; readonly command: RealtimeCommand }
  /** Bytes that are no valid command: skipped, reported, never fatal. */
  | { readonly kind: 'garbage'; readonly bytes: number; readonly reason: string };

/** Turns a byte stream, in chunks of any size, into items; keeps an incomplete command for the next chunk. */
export interface StreamParser {
  push(chunk: Uint8Array): ParsedItem[];
  /** The stream ended (connection closed): reports a command cut short, then starts clean. */
  end(): ParsedItem[];
}

/** Largest raster a parser accepts: bigger "images" are garbage, not a reason to buffer gigabytes. */
export const MAX_RASTER_BYTES_PER_ROW = 255;
export const MAX_RASTER_ROWS = 4095;

/**
 * The skeleton both command sets share: buffer, try to decode one command at the front, keep
 * what is incomplete. `decode` returns the item and its byte length, or `undefined` for "need
 * more bytes".
 */
export abstract class BufferedParser implements StreamParser {
  #buffer: Buffer = Buffer.alloc(0);

  protected abstract decode(b: Buffer): { item: ParsedItem | undefined; length: number } | undefined;

  push(chunk: Uint8Array): ParsedItem[] {
    this.#buffer = this.#buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#buffer, chunk]);
    const items: ParsedItem[] = [];
    let pos = 0;
    while (pos < this.#buffer.length) {
      const view = this.#buffer.subarray(pos);
      const decoded = this.decode(view);
      if (!decoded) break;
      if (decoded.item) items.push(decoded.item);
      pos += decoded.length;
    }
    this.#buffer = pos === 0 ? this.#buffer : Buffer.from(this.#buffer.subarray(pos));
    return items;
  }

  end(): ParsedItem[] {
    const left = this.#buffer.length;
    this.#buffer = Buffer.alloc(0);
    return left > 0 ? [{ kind: 'garbage', bytes: left, reason: 'stream ended inside a command' }] : [];
  }
}

/** Consecutive printable bytes (≥ 0x20) from the start of `b`. */
export function textRun(b: Buffer): number {
  let n = 0;
  while (n < b.length && b[n]! >= 0x20) n++;
  return n;
}

/** A command decoded from the head of a buffer (and its length), or undefined until more bytes come. */
export type Decoded = { item: ParsedItem | undefined; length: number } | undefined;

/** A command of `n` bytes, once the buffer holds them. */
export const fixed = (b: Buffer, n: number, item: ParsedItem | undefined): Decoded =>
  b.length < n ? undefined : { item, length: n };

export const op = (o: PrintOp): ParsedItem => ({ kind: 'op', op: o });
export const rt = (c: RealtimeCommand): ParsedItem => ({ kind: 'realtime', command: c });
export const garbage = (bytes: number, reason: string): ParsedItem => ({ kind: 'garbage', bytes, reason });
