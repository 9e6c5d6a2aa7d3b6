import { BreakLine, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import type { CommandSet } from './command-set';
import { PrinterEmulator } from './emulator/printer-emulator';
import { InvalidTicketError } from './errors';
import { SAMPLE_TICKETS } from './fixtures';
import { PAPER, type PaperWidth } from './paper';
import { rastersEqual } from './raster';
import { rasterizeTextLine } from './text-raster';
import { buildTicketBytes, numberRaster, TICKET_STYLES, type TicketBytesOptions } from './ticket-bytes';
import type { TicketPrintData } from './ticket-data';

/** Runs bytes through the emulator's parser and page model, in process. */
function printOnEmulator(bytes: Uint8Array, options: TicketBytesOptions) {
  const emulator = new PrinterEmulator({ commandSet: options.commandSet, paperWidth: options.paperWidth });
  const garbage: string[] = [];
  emulator.on('garbage', (g) => garbage.push(g.reason));
  emulator.receive(
    emulator.openChannel(() => undefined),
    bytes,
  );
  expect(emulator.tickets).toHaveLength(1);
  return { ticket: emulator.tickets[0]!, garbage };
}

const heading = (align: 'center' = 'center') => ({ ...TICKET_STYLES.heading, align });
const combos = (['epson', 'star'] as const).flatMap((commandSet: CommandSet) =>
  ([80, 58] as const).map((paperWidth: PaperWidth) => ({ commandSet, paperWidth })),
);

describe('why raster: node-thermal-printer alone', () => {
  it('prints ə as "?" in every code page it has', () => {
    const printer = new ThermalPrinter({
      type: PrinterTypes.EPSON,
      width: 48,
      breakLine: BreakLine.NONE,
    } as never);
    printer.setCharacterSet('PC857_TURKISH');
    printer.print('ə');
    const bytes = printer.getBuffer();
    expect(bytes.at(-1)).toBe(0x3f); // "?"
  });
});

describe.each(combos)('buildTicketBytes $commandSet $paperWidth mm', (options) => {
  const dots = PAPER[options.paperWidth].dots;

  it('az: lines with ə/Ə are raster images of the right words; the rest decodes from CP857', () => {
    const { bytes, lines } = buildTicketBytes(SAMPLE_TICKETS.az, options);
    const { ticket, garbage } = printOnEmulator(bytes, options);
    expect(garbage).toEqual([]);

    // Every line holding ə went out as an image, never as text with a "?".
    for (const line of lines) if (/[əƏ]/.test(line.text)) expect(line.as).toBe('raster');
    expect(ticket.textLines.join('\n')).not.toContain('?');

    // The raster the printer received is the drawing of the real words, not of "?" stand-ins.
    const service = rasterizeTextLine('Şəxsiyyət vəsiqəsi', heading(), dots);
    const withQuestionMarks = rasterizeTextLine('Ş?xsiyy?t v?siq?si', heading(), dots);
    expect(ticket.rasters.some((r) => rastersEqual(r, service))).toBe(true);
    expect(ticket.rasters.some((r) => rastersEqual(r, withQuestionMarks))).toBe(false);
    expect(
      ticket.rasters.some((r) => rastersEqual(r, numberRaster('A-042', options.paperWidth).raster)),
    ).toBe(true);

    // ş and ı need CP857: decoded back by the emulator's own code table.
    expect(ticket.textLines).toContain('Verilib: 25 noy 2025, 09:05');
    expect(ticket.textLines).toContain('Terminal: Giriş 2');
    expect(ticket.qrCodes).toEqual([SAMPLE_TICKETS.az.trackingUrl]);
    expect(ticket.partialCut).toBe(true);
  });

  it('ru: Cyrillic prints as CP866 text; typographic dashes fall back to ASCII', () => {
    const { bytes } = buildTicketBytes(SAMPLE_TICKETS.ru, options);
    const { ticket, garbage } = printOnEmulator(bytes, options);
    expect(garbage).toEqual([]);
    const text = ticket.textLines.join('\n');
    expect(text).toContain('Министерство внутренних дел');
    expect(text).toContain('Перед вами: 8 чел.');
    expect(text).toContain('Ожидание: 14-20 мин');
    expect(text).toContain('Выдан: 25 ноя 2025, 09:06');
    expect(text).not.toContain('?');
    expect(ticket.qrCodes).toEqual([SAMPLE_TICKETS.ru.trackingUrl]);
  });

  it('en: plain text plus the number and the QR code', () => {
    const { bytes } = buildTicketBytes(SAMPLE_TICKETS.en, options);
    const { ticket } = printOnEmulator(bytes, options);
    const text = ticket.textLines.join('\n');
    expect(text).toContain('Identity card');
    expect(text).toContain('No one is ahead of you');
    expect(text).toContain('Estimated wait: 0-3 min');
    expect(
      ticket.rasters.some((r) => rastersEqual(r, numberRaster('A-044', options.paperWidth).raster)),
    ).toBe(true);
  });

  it('raster mode sends no printer text at all', () => {
    const { bytes, lines } = buildTicketBytes(SAMPLE_TICKETS.ru, { ...options, textMode: 'raster' });
    const { ticket } = printOnEmulator(bytes, options);
    expect(ticket.textLines).toEqual([]);
    expect(lines.filter((l) => l.as === 'text')).toEqual([]);
    expect(ticket.rasters.length).toBe(lines.filter((l) => l.as === 'raster' || l.as === 'rule').length);
  });
});

describe('ticket layout', () => {
  it('makes the number very large: most of the paper width, ≥ 15 mm tall', () => {
    for (const width of [80, 58] as const) {
      const { raster } = numberRaster('A-042', width);
      let left = raster.width;
      let right = 0;
      for (let y = 0; y < raster.height; y++)
        for (let x = 0; x < raster.width; x++)
          if (raster.data[y * raster.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) {
            left = Math.min(left, x);
            right = Math.max(right, x);
          }
      expect(right - left).toBeGreaterThan(PAPER[width].dots * 0.8);
      expect(raster.height).toBeGreaterThan(15 * 8);
    }
  });

  it('wraps long service names instead of printing off the paper', () => {
    const long = {
      ...SAMPLE_TICKETS.az,
      serviceName: 'Vətəndaşlığa qəbul, vətəndaşlıqdan çıxma və vətəndaşlığın bərpası',
    };
    const { lines } = buildTicketBytes(long, { commandSet: 'epson', paperWidth: 58 });
    const serviceLines = lines.filter((l) => l.style?.sizeDots === TICKET_STYLES.heading.sizeDots);
    expect(serviceLines.length).toBeGreaterThan(1);
    expect(serviceLines.map((l) => l.text).join(' ')).toBe(long.serviceName);
  });
});

describe('invalid tickets', () => {
  const bad = (patch: Partial<TicketPrintData>) => () =>
    buildTicketBytes({ ...SAMPLE_TICKETS.en, ...patch }, { commandSet: 'epson', paperWidth: 80 });

  it('are refused with InvalidTicketError naming the field', () => {
    expect(bad({ number: '' })).toThrow(InvalidTicketError);
    expect(bad({ trackingUrl: 'https://novbe.az/növbə' })).toThrow(/trackingUrl/);
    expect(bad({ timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
    expect(bad({ waitMinutes: { low: 9, high: 3 } })).toThrow(/waitMinutes/);
    expect(bad({ peopleAhead: -1 })).toThrow(/peopleAhead/);
  });
});

// How fast is for `npm run bench:hardware` (ticket_bytes_ms); here, what repeated builds give.
describe('repeated builds', () => {
  it('give the same bytes for the same ticket, and others when a figure on it changes', () => {
    const options = { commandSet: 'epson', paperWidth: 80 } as const;
    const first = buildTicketBytes(SAMPLE_TICKETS.az, options).bytes;
    for (let i = 0; i < 3; i++) expect(buildTicketBytes(SAMPLE_TICKETS.az, options).bytes).toEqual(first);
    const other = buildTicketBytes(
      { ...SAMPLE_TICKETS.az, peopleAhead: SAMPLE_TICKETS.az.peopleAhead + 1 },
      options,
    );
    expect(other.bytes).not.toEqual(first);
  });
});
