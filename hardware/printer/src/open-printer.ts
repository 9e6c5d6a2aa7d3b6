import { z } from 'zod';
import { COMMAND_SETS } from './command-set';
import { DeviceFileLink } from './links/device-file-link';
import type { PrinterLink } from './links/printer-link';
import { SerialLink } from './links/serial-link';
import { TcpLink } from './links/tcp-link';
import { ThermalTicketPrinter } from './ticket-printer';

/** How a kiosk names its printer in its configuration file. */
export const PrinterConfig = z
  .object({
    connection: z.discriminatedUnion('type', [
      z.object({
        type: z.literal('tcp'),
        host: z.string().min(1),
        port: z.number().int().min(1).max(65535).default(9100),
      }),
      z.object({
        type: z.literal('serial'),
        path: z.string().min(1),
        baudRate: z.number().int().positive().default(115200),
        rtscts: z.boolean().default(false),
      }),
      z.object({ type: z.literal('usb-file'), path: z.string().min(1) }),
    ]),
    commandSet: z.enum(COMMAND_SETS).default('epson'),
    paperWidth: z.union([z.literal(80), z.literal(58)]).default(80),
    textMode: z.enum(['auto', 'raster']).default('auto'),
    pollIntervalMs: z.number().int().min(0).default(2000),
    responseTimeoutMs: z.number().int().positive().default(1000),
    printTimeoutMs: z.number().int().positive().default(30_000),
  })
  .strict();
export type PrinterConfig = z.input<typeof PrinterConfig>;

/** The link a connection config describes, not yet opened. */
export function linkFor(connection: z.infer<typeof PrinterConfig>['connection']): PrinterLink {
  switch (connection.type) {
    case 'tcp':
      return new TcpLink({ host: connection.host, port: connection.port });
    case 'serial':
      return new SerialLink({
        path: connection.path,
        baudRate: connection.baudRate,
        rtscts: connection.rtscts,
      });
    case 'usb-file':
      return new DeviceFileLink({ path: connection.path });
  }
}

/**
 * Validates `config` (a bad one throws zod's error naming the key) and returns a driver. The
 * link opens on first use and reopens after a disconnect, so a printer switched on after the
 * kiosk still works; `status()` tells whether it answers.
 */
export function openTicketPrinter(config: PrinterConfig): ThermalTicketPrinter {
  const c = PrinterConfig.parse(config);
  return new ThermalTicketPrinter({
    link: linkFor(c.connection),
    commandSet: c.commandSet,
    paperWidth: c.paperWidth,
    textMode: c.textMode,
    pollIntervalMs: c.pollIntervalMs,
    responseTimeoutMs: c.responseTimeoutMs,
    printTimeoutMs: c.printTimeoutMs,
  });
}
