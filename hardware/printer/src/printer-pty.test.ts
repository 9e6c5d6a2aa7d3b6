import { afterEach, describe, expect, it } from 'vitest';
import type { CommandSet } from './command-set';
import { PrinterEmulator } from './emulator/printer-emulator';
import { PrinterOutOfPaperError } from './errors';
import { SAMPLE_TICKETS } from './fixtures';
import { DeviceFileLink } from './links/device-file-link';
import type { PrinterLink } from './links/printer-link';
import { SerialLink } from './links/serial-link';
import { rastersEqual } from './raster';
import { saveTicket } from './test-support';
import { numberRaster } from './ticket-bytes';
import { ThermalTicketPrinter } from './ticket-printer';

let emulator: PrinterEmulator | undefined;
let printer: ThermalTicketPrinter | undefined;

afterEach(async () => {
  await printer?.close();
  await emulator?.close();
  printer = undefined;
  emulator = undefined;
});

const links: Record<string, (path: string) => PrinterLink> = {
  'serial port (serialport)': (path) => new SerialLink({ path, baudRate: 115200 }),
  'USB device file (non-blocking fs)': (path) => new DeviceFileLink({ path }),
};

describe.each(Object.keys(links))('driver ↔ emulator over a socat pty, as a %s', (kind) => {
  it.each(['epson', 'star'] as CommandSet[])(
    '%s: prints an Azerbaijani ticket and refuses without paper',
    async (commandSet) => {
      emulator = new PrinterEmulator({ commandSet, paperWidth: 80 });
      const devicePath = await emulator.attachPty();
      printer = new ThermalTicketPrinter({
        link: links[kind]!(devicePath),
        commandSet,
        paperWidth: 80,
        pollIntervalMs: 0,
        responseTimeoutMs: 500,
        printTimeoutMs: 5000,
      });

      const receipt = await printer.print(SAMPLE_TICKETS.az);
      expect(receipt.bytes).toBeGreaterThan(20_000); // the raster lines crossed the pty intact
      expect(emulator.tickets).toHaveLength(1);
      const ticket = emulator.tickets[0]!;
      expect(emulator.stats.garbageBytes).toBe(0);
      expect(ticket.rasters.some((r) => rastersEqual(r, numberRaster('A-042', 80).raster))).toBe(true);
      expect(ticket.textLines).toContain('Terminal: Giriş 2');
      expect(ticket.qrCodes).toEqual([SAMPLE_TICKETS.az.trackingUrl]);
      saveTicket(ticket, `${commandSet}-80mm-az-via-${kind.startsWith('serial') ? 'serial' : 'usb-file'}`);

      emulator.setPaper('out');
      await expect(printer.print(SAMPLE_TICKETS.en)).rejects.toBeInstanceOf(PrinterOutOfPaperError);
      expect(emulator.tickets).toHaveLength(1);
    },
  );
});
