import { createCanvas } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import type { CommandSet } from '../command-set';
import { ensureFonts, FONT_FAMILY } from '../fonts';
import { FONT_A, type PaperWidth } from '../paper';
import type { Raster } from '../raster';
import type { OpAlign } from './ops';

/** A run of characters printed in one style on one line. */
export interface TextRun {
  readonly text: string;
  readonly bold: boolean;
  readonly underline: boolean;
  readonly invert: boolean;
  readonly width: number;
  readonly height: number;
}

/** What the emulated printer put on paper, in order. */
export type PrintedBlock =
  | {
      readonly kind: 'text';
      readonly runs: readonly TextRun[];
      readonly align: OpAlign;
      readonly feedDots: number;
    }
  | { readonly kind: 'raster'; readonly raster: Raster; readonly align: OpAlign }
  | {
      readonly kind: 'qr';
      readonly data: string;
      readonly cell: number;
      readonly ecc: 'L' | 'M' | 'Q' | 'H';
      readonly align: OpAlign;
    }
  | { readonly kind: 'feed'; readonly dots: number };

const QR_QUIET_MODULES = 0;

function qrMatrix(block: Extract<PrintedBlock, { kind: 'qr' }>) {
  return QRCode.create([{ data: Buffer.from(block.data, 'latin1'), mode: 'byte' }], {
    errorCorrectionLevel: block.ecc,
  }).modules;
}

/** Paper height a block takes, in dots. */
export function blockHeight(block: PrintedBlock): number {
  switch (block.kind) {
    case 'text':
      return block.feedDots;
    case 'raster':
      return block.raster.height;
    case 'qr':
      return (qrMatrix(block).size + 2 * QR_QUIET_MODULES) * block.cell;
    case 'feed':
      return block.dots;
  }
}

function alignedX(align: OpAlign, contentWidth: number, paperDots: number): number {
  if (align === 'center') return Math.max(0, Math.floor((paperDots - contentWidth) / 2));
  if (align === 'right') return Math.max(0, paperDots - contentWidth);
  return 0;
}

/**
 * One ticket as the emulator received it: everything between two cuts. It keeps the decoded
 * text and every image, and draws itself as a person would see the paper.
 */
export class ReceivedTicket {
  constructor(
    readonly index: number,
    readonly commandSet: CommandSet,
    readonly paperWidth: PaperWidth,
    readonly paperDots: number,
    readonly blocks: readonly PrintedBlock[],
    readonly partialCut: boolean,
    /** Printing stopped inside this ticket (paper ran out, cover opened) and resumed later. */
    readonly interrupted: boolean,
  ) {}

  /** Printer-text lines as decoded from the code page, trimmed, in order. */
  get textLines(): string[] {
    return this.blocks.flatMap((b) =>
      b.kind === 'text'
        ? [
            b.runs
              .map((r) => r.text)
              .join('')
              .trim(),
          ]
        : [],
    );
  }

  get rasters(): Raster[] {
    return this.blocks.flatMap((b) => (b.kind === 'raster' ? [b.raster] : []));
  }

  get qrCodes(): string[] {
    return this.blocks.flatMap((b) => (b.kind === 'qr' ? [b.data] : []));
  }

  /** The ticket as text: printer text aligned on the character grid, images as placeholders. */
  get text(): string {
    const columns = Math.floor(this.paperDots / FONT_A.width);
    const out: string[] = [];
    for (const b of this.blocks) {
      if (b.kind === 'text') {
        const line = b.runs.map((r) => r.text).join('');
        const width = b.runs.reduce((n, r) => n + [...r.text].length * r.width, 0);
        const pad =
          b.align === 'center'
            ? Math.floor((columns - width) / 2)
            : b.align === 'right'
              ? columns - width
              : 0;
        out.push(' '.repeat(Math.max(0, pad)) + line);
      } else if (b.kind === 'raster') {
        out.push(`[raster ${b.raster.width}×${b.raster.height}]`);
      } else if (b.kind === 'qr') {
        out.push(`[QR ${b.data}]`);
      }
    }
    return out.join('\n');
  }

  /** Paper length of the ticket, in dots. */
  get heightDots(): number {
    return this.blocks.reduce((h, b) => h + blockHeight(b), 0);
  }

  /** The ticket drawn at printer resolution (1 px = 1 dot) as a PNG. */
  renderPng(): Buffer {
    ensureFonts();
    const width = this.paperDots;
    const height = Math.max(1, this.heightDots);
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#000';
    let y = 0;
    for (const b of this.blocks) {
      const h = blockHeight(b);
      if (b.kind === 'raster') {
        const x0 = alignedX(b.align, b.raster.width, width);
        const img = ctx.createImageData(b.raster.width, b.raster.height);
        const { data, bytesPerRow } = b.raster;
        for (let ry = 0; ry < b.raster.height; ry++) {
          for (let rx = 0; rx < b.raster.width; rx++) {
            const black = (data[ry * bytesPerRow + (rx >> 3)]! & (0x80 >> (rx & 7))) !== 0;
            const i = (ry * b.raster.width + rx) * 4;
            const v = black ? 0 : 255;
            img.data[i] = v;
            img.data[i + 1] = v;
            img.data[i + 2] = v;
            img.data[i + 3] = 255;
          }
        }
        ctx.putImageData(img, x0, y);
      } else if (b.kind === 'qr') {
        const m = qrMatrix(b);
        const size = (m.size + 2 * QR_QUIET_MODULES) * b.cell;
        const x0 = alignedX(b.align, size, width) + QR_QUIET_MODULES * b.cell;
        for (let r = 0; r < m.size; r++) {
          for (let c = 0; c < m.size; c++) {
            if (m.data[r * m.size + c])
              ctx.fillRect(x0 + c * b.cell, y + QR_QUIET_MODULES * b.cell + r * b.cell, b.cell, b.cell);
          }
        }
      } else if (b.kind === 'text') {
        this.#drawText(ctx, b, y, width);
      }
      y += h;
    }
    return canvas.encodeSync('png');
  }

  #drawText(
    ctx: ReturnType<ReturnType<typeof createCanvas>['getContext']>,
    b: Extract<PrintedBlock, { kind: 'text' }>,
    y: number,
    paperDots: number,
  ): void {
    const lineWidth = b.runs.reduce((n, r) => n + [...r.text].length * r.width * FONT_A.width, 0);
    const lineHeight = Math.max(FONT_A.height, ...b.runs.map((r) => r.height * FONT_A.height));
    let x = alignedX(b.align, lineWidth, paperDots);
    // DejaVu Sans Mono advances 0.602 em: at 20 px a glyph is 12 dots wide, Font A's cell.
    ctx.font = `20px "${FONT_FAMILY.mono}"`;
    for (const run of b.runs) {
      for (const ch of run.text) {
        const w = FONT_A.width * run.width;
        const h = FONT_A.height * run.height;
        const top = y + lineHeight - h;
        if (run.invert) ctx.fillRect(x, top, w, h);
        ctx.save();
        ctx.fillStyle = run.invert ? '#fff' : '#000';
        ctx.translate(x, top);
        ctx.scale(run.width, run.height);
        ctx.fillText(ch, 0, 19);
        if (run.bold) ctx.fillText(ch, 0.6, 19);
        ctx.restore();
        if (run.underline) ctx.fillRect(x, top + h - 2, w, 2);
        x += w;
      }
    }
  }
}
