import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { ensureFonts, FONT_FAMILY } from './fonts';
import { rasterFromAlpha, type Raster } from './raster';

export type Align = 'left' | 'center' | 'right';

export interface RasterTextStyle {
  /** Font size in dots (8 dots/mm). */
  readonly sizeDots: number;
  readonly bold: boolean;
  readonly align: Align;
  /** Vertical stretch, for the tall, narrow digits of the ticket number; default 1. */
  readonly stretchY?: number;
}

/** Rows of a raster text line: the font's ascent + descent, plus a little air. */
export function lineHeightDots(style: Pick<RasterTextStyle, 'sizeDots' | 'stretchY'>): number {
  return Math.ceil(style.sizeDots * 1.3 * (style.stretchY ?? 1));
}

function font(style: Pick<RasterTextStyle, 'sizeDots' | 'bold'>): string {
  return `${style.sizeDots}px "${style.bold ? FONT_FAMILY.sansBold : FONT_FAMILY.sans}"`;
}

let measureCtx: SKRSContext2D | undefined;

function measurer(): SKRSContext2D {
  ensureFonts();
  measureCtx ??= createCanvas(8, 8).getContext('2d');
  return measureCtx;
}

/** Width of `text` in dots when drawn in `style`. */
export function measureText(text: string, style: Pick<RasterTextStyle, 'sizeDots' | 'bold'>): number {
  const ctx = measurer();
  ctx.font = font(style);
  return ctx.measureText(text).width;
}

/**
 * Splits `text` into lines no wider than `widthDots`, at spaces where it can; a single word
 * too long for the line is cut by characters rather than printed off the paper.
 */
export function wrapText(
  text: string,
  style: Pick<RasterTextStyle, 'sizeDots' | 'bold'>,
  widthDots: number,
): string[] {
  const ctx = measurer();
  ctx.font = font(style);
  const fits = (s: string) => ctx.measureText(s).width <= widthDots;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Draws one line of text across the full paper width, aligned in the image itself (printers
 * differ on whether ESC a applies to raster images), and packs it to 1 bit per dot.
 */
export function rasterizeTextLine(text: string, style: RasterTextStyle, widthDots: number): Raster {
  ensureFonts();
  const height = lineHeightDots(style);
  const canvas = createCanvas(widthDots, height);
  const ctx = canvas.getContext('2d');
  ctx.font = font(style);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'alphabetic';
  const textWidth = ctx.measureText(text).width;
  const x =
    style.align === 'left'
      ? 0
      : style.align === 'right'
        ? widthDots - textWidth
        : (widthDots - textWidth) / 2;
  // Baseline at 1.04 em leaves room for the dot of İ and accents on capitals, 0.26 em for descenders.
  ctx.scale(1, style.stretchY ?? 1);
  ctx.fillText(text, Math.max(0, Math.round(x)), Math.round(style.sizeDots * 1.04));
  const image = ctx.getImageData(0, 0, widthDots, height);
  return rasterFromAlpha(image.data, widthDots, height);
}

/** Largest font size (≤ `maxDots`) at which `text` fits in `widthDots`: for the ticket number. */
export function fitFontSize(text: string, bold: boolean, widthDots: number, maxDots: number): number {
  const at100 = measureText(text, { sizeDots: 100, bold });
  return Math.max(8, Math.min(maxDots, Math.floor((100 * widthDots) / at100)));
}
