/**
 * Thermal paper the kiosk printers take. Dots are at 203 dpi (8 dots/mm); characters are the
 * printer's Font A, 12 × 24 dots.
 */
export const PAPER = {
  80: { widthMm: 80, dots: 576, chars: 48 },
  58: { widthMm: 58, dots: 384, chars: 32 },
} as const;

export type PaperWidth = keyof typeof PAPER;
export type PaperSpec = (typeof PAPER)[PaperWidth];

export function isPaperWidth(value: unknown): value is PaperWidth {
  return value === 80 || value === 58;
}

/** Font A cell of an ESC/POS or Star printer, in dots. */
export const FONT_A = { width: 12, height: 24 } as const;
