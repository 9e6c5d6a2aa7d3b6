import { fileURLToPath } from 'node:url';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * DejaVu ships in the repo (Bitstream Vera licence, see fonts/LICENSE-DejaVu.txt) so a clean
 * kiosk renders ə, ğ, ı, İ, ş and Cyrillic the same as the development machine, with no
 * dependency on which system fonts happen to be installed.
 */
const FONT_FILES = {
  sans: 'DejaVuSansCondensed.ttf',
  sansBold: 'DejaVuSansCondensed-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;

/** The family names this package registers with the canvas; distinct so no system font can win. */
export const FONT_FAMILY = {
  sans: 'Novbe Ticket Sans',
  sansBold: 'Novbe Ticket Sans Bold',
  mono: 'Novbe Ticket Mono',
} as const;

export function fontPath(file: string): string {
  return fileURLToPath(new URL(`../fonts/${file}`, import.meta.url));
}

let registered = false;

/** Registers the bundled fonts once per process; idempotent and cheap after the first call. */
export function ensureFonts(): void {
  if (registered) return;
  for (const key of Object.keys(FONT_FILES) as (keyof typeof FONT_FILES)[]) {
    const ok = GlobalFonts.registerFromPath(fontPath(FONT_FILES[key]), FONT_FAMILY[key]);
    if (!ok) throw new Error(`could not load font ${FONT_FILES[key]}`);
  }
  registered = true;
}
