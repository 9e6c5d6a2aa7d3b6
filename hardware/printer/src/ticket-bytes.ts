import { BreakLine, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { CommandSet } from './command-set';
import { CODE_PAGE_FOR, printableInCodePage } from './code-page';
import { FONT_A, PAPER, type PaperWidth } from './paper';
import { cropRows, emptyRaster, rasterCommand, type Raster } from './raster';
import { fitFontSize, rasterizeTextLine, wrapText, type Align, type RasterTextStyle } from './text-raster';
import { validateTicket, type TicketPrintData } from './ticket-data';
import { layoutTicket, type TextRole } from './ticket-layout';

/**
 * `auto`: a line goes out as printer text when its code page holds every letter, as a raster
 * image otherwise (every Azerbaijani line with ə/Ə). `raster`: every line is an image, for
 * printers whose code pages are unknown or broken.
 */
export type TextMode = 'auto' | 'raster';

export interface TicketBytesOptions {
  readonly commandSet: CommandSet;
  readonly paperWidth: PaperWidth;
  readonly textMode?: TextMode;
}

/** Font size of each role when rasterized, in dots, and its printer-text magnification. */
export const TICKET_STYLES: Readonly<
  Record<TextRole, { readonly sizeDots: number; readonly bold: boolean; readonly scale: 1 | 2 }>
> = {
  title: { sizeDots: 40, bold: true, scale: 2 },
  heading: { sizeDots: 34, bold: true, scale: 2 },
  body: { sizeDots: 27, bold: false, scale: 1 },
  small: { sizeDots: 23, bold: false, scale: 1 },
};

/** The number fills the paper width up to this many dots tall: readable from across a hall. */
export const NUMBER_MAX_DOTS: Readonly<Record<PaperWidth, number>> = { 80: 200, 58: 160 };

/** Digits drawn 1.4× taller than wide: the paper width limits the number, its height need not. */
const NUMBER_STRETCH = 1.4;

/** QR module size in dots: ~25 mm square for a typical tracking URL on either paper. */
const QR_CELL: Readonly<Record<PaperWidth, number>> = { 80: 6, 58: 5 };

/**
 * The ticket number as printed: as large as the paper width allows (up to NUMBER_MAX_DOTS),
 * bold, with the blank rows of the font's line box trimmed to a small margin.
 */
export function numberRaster(
  text: string,
  paperWidth: PaperWidth,
): { raster: Raster; style: RasterTextStyle } {
  const dots = PAPER[paperWidth].dots;
  const sizeDots = fitFontSize(text, true, dots * 0.94, NUMBER_MAX_DOTS[paperWidth]);
  const style: RasterTextStyle = { sizeDots, bold: true, align: 'center', stretchY: NUMBER_STRETCH };
  return { raster: cropRows(rasterizeTextLine(text, style, dots), 12), style };
}

/** One printed line as it was sent: what it says and whether it went as text or as an image. */
export interface PrintedLine {
  readonly text: string;
  readonly as: 'text' | 'raster' | 'qr' | 'rule';
  /** For rasters: the style it was drawn in, so tests can re-render and compare. */
  readonly style?: RasterTextStyle;
}

export interface TicketBytes {
  readonly bytes: Buffer;
  readonly lines: readonly PrintedLine[];
}

const ESC = 0x1b;
const GS = 0x1d;

/** Character size command: EPSON GS ! n (width in the high nibble), STAR ESC i height width. */
function sizeCommand(commandSet: CommandSet, scale: 1 | 2): Buffer {
  const m = scale - 1;
  // node-thermal-printer's setTextSize puts height in GS !'s width nibble and has no STAR form.
  return commandSet === 'epson' ? Buffer.from([GS, 0x21, (m << 4) | m]) : Buffer.from([ESC, 0x69, m, m]);
}

/** node-thermal-printer's STAR QR omits the ESC GS y D header, so this builds the Line Mode bytes. */
function starQr(data: string, cell: number): Buffer {
  const payload = Buffer.from(data, 'ascii');
  return Buffer.concat([
    Buffer.from([ESC, GS, 0x79, 0x53, 0x30, 0x02]), // model 2
    Buffer.from([ESC, GS, 0x79, 0x53, 0x31, 0x01]), // error correction M (15 %)
    Buffer.from([ESC, GS, 0x79, 0x53, 0x32, cell]), // module size in dots
    Buffer.from([ESC, GS, 0x79, 0x44, 0x31, 0x00, payload.length & 0xff, payload.length >> 8]),
    payload,
    Buffer.from([ESC, GS, 0x79, 0x50]), // print
  ]);
}

function ruleRaster(widthDots: number): Raster {
  const r = emptyRaster(widthDots, 14);
  r.data.fill(0xff, 6 * r.bytesPerRow, 8 * r.bytesPerRow);
  return r;
}

/** Splits printer text into lines of at most `columns` characters, at spaces where possible. */
function wrapColumns(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while ([...w].length > columns) {
      if (line) lines.push(line);
      line = '';
      lines.push([...w].slice(0, columns).join(''));
      w = [...w].slice(columns).join('');
    }
    const candidate = line ? `${line} ${w}` : w;
    if ([...candidate].length <= columns) line = candidate;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * The complete byte stream of one ticket for one printer, ending with a partial cut. Pure CPU:
 * no I/O, so it is what a benchmark times (≤ 50 ms including raster text is the target).
 * Throws `InvalidTicketError` for data that cannot be printed.
 */
export function buildTicketBytes(data: TicketPrintData, options: TicketBytesOptions): TicketBytes {
  const ticket = validateTicket(data);
  const { commandSet, paperWidth, textMode = 'auto' } = options;
  const paper = PAPER[paperWidth];
  const page = CODE_PAGE_FOR[ticket.language];
  const printer = new ThermalPrinter({
    type: commandSet === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON,
    interface: undefined as unknown as string, // buffer-building only; the driver owns the link
    width: paper.chars,
    breakLine: BreakLine.NONE,
  });
  const lines: PrintedLine[] = [];
  const raster = (r: Raster) => printer.add(rasterCommand(commandSet, r));

  printer.add(Buffer.from([ESC, 0x40])); // ESC @: start from the power-on state
  printer.setCharacterSet(page.name);

  for (const item of layoutTicket(ticket)) {
    switch (item.kind) {
      case 'text': {
        const style = TICKET_STYLES[item.role];
        const printable = textMode === 'auto' ? printableInCodePage(item.text, page) : undefined;
        if (printable !== undefined) {
          const columns = Math.floor(paper.chars / style.scale);
          setAlign(printer, item.align);
          printer.add(sizeCommand(commandSet, style.scale));
          printer.bold(style.bold);
          for (const line of wrapColumns(printable, columns)) {
            printer.println(line);
            lines.push({ text: line, as: 'text' });
          }
          printer.bold(false);
          printer.add(sizeCommand(commandSet, 1));
        } else {
          const rasterStyle: RasterTextStyle = {
            sizeDots: style.sizeDots,
            bold: style.bold,
            align: item.align,
          };
          for (const line of wrapText(item.text, rasterStyle, paper.dots - 8)) {
            raster(rasterizeTextLine(line, rasterStyle, paper.dots));
            lines.push({ text: line, as: 'raster', style: rasterStyle });
          }
        }
        break;
      }
      case 'number': {
        const { raster: image, style } = numberRaster(item.text, paperWidth);
        raster(image);
        lines.push({ text: item.text, as: 'raster', style });
        break;
      }
      case 'rule':
        raster(ruleRaster(paper.dots));
        lines.push({ text: '', as: 'rule' });
        break;
      case 'gap':
        printer.add(Buffer.from(commandSet === 'epson' ? [ESC, 0x4a, FONT_A.height] : [0x0a]));
        break;
      case 'qr':
        setAlign(printer, 'center');
        if (commandSet === 'epson') {
          printer.printQR(item.data, { cellSize: QR_CELL[paperWidth], correction: 'M', model: 2 });
        } else {
          printer.add(starQr(item.data, QR_CELL[paperWidth]));
        }
        printer.newLine();
        lines.push({ text: item.data, as: 'qr' });
        break;
    }
  }
  setAlign(printer, 'left');
  printer.partialCut({ verticalTabAmount: 1 });
  return { bytes: printer.getBuffer(), lines };
}

function setAlign(printer: ThermalPrinter, align: Align): void {
  if (align === 'center') printer.alignCenter();
  else if (align === 'right') printer.alignRight();
  else printer.alignLeft();
}
