/** What the printer emulator received, checked the way a citizen reads the paper. */
import {
  numberRaster,
  PAPER,
  rasterizeTextLine,
  rastersEqual,
  TICKET_STYLES,
  wrapText,
  type ReceivedTicket,
} from '@novbe/printer';

/** Whether the ticket carries `text` drawn as raster lines in `role`'s style (az lines with ə). */
export function hasRasterText(ticket: ReceivedTicket, text: string, role: 'heading' | 'body'): boolean {
  const dots = PAPER[80].dots;
  return wrapText(text, TICKET_STYLES[role], dots).every((line) =>
    ticket.rasters.some((r) =>
      rastersEqual(r, rasterizeTextLine(line, { ...TICKET_STYLES[role], align: 'center' }, dots)),
    ),
  );
}

/** Whether the ticket carries `number` in the big raster digits. */
export const hasNumber = (ticket: ReceivedTicket, number: string) =>
  ticket.rasters.some((r) => rastersEqual(r, numberRaster(number, 80).raster));
