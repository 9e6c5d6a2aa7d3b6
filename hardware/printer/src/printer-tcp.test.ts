import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandSet } from './command-set';
import { PrinterEmulator } from './emulator/printer-emulator';
import {
  PrinterCoverOpenError,
  PrinterCutterError,
  PrinterDisconnectedError,
  PrinterOfflineError,
  PrinterOutOfPaperError,
  PrinterTimeoutError,
} from './errors';
import { SAMPLE_TICKETS } from './fixtures';
import { TcpLink } from './links/tcp-link';
import { PAPER, type PaperWidth } from './paper';
import { rastersEqual } from './raster';
import type { PrinterStatus, StatusChange } from './status';
import { saveTicket } from './test-support';
import { rasterizeTextLine } from './text-raster';
import { numberRaster, TICKET_STYLES } from './ticket-bytes';
import { ThermalTicketPrinter } from './ticket-printer';

const combos = (['epson', 'star'] as const).flatMap((commandSet: CommandSet) =>
  ([80, 58] as const).map((paperWidth: PaperWidth) => ({ commandSet, paperWidth })),
);

let emulator: PrinterEmulator;
let printer: ThermalTicketPrinter;

async function start(commandSet: CommandSet, paperWidth: PaperWidth, pollIntervalMs = 0) {
  emulator = new PrinterEmulator({ commandSet, paperWidth });
  const { host, port } = await emulator.listenTcp(0);
  printer = new ThermalTicketPrinter({
    link: new TcpLink({ host, port }),
    commandSet,
    paperWidth,
    pollIntervalMs,
    responseTimeoutMs: 500,
    printTimeoutMs: 3000,
  });
  return port;
}

afterEach(async () => {
  await printer?.close();
  await emulator?.close();
});

describe.each(combos)(
  'driver ↔ emulator over TCP, $commandSet $paperWidth mm',
  ({ commandSet, paperWidth }) => {
    beforeEach(async () => {
      await start(commandSet, paperWidth);
    });

    it('prints az, ru and en tickets that the emulator decodes correctly', async () => {
      for (const language of ['az', 'ru', 'en'] as const) {
        const receipt = await printer.print(SAMPLE_TICKETS[language]);
        expect(receipt.status).toMatchObject({ connected: true, online: true, paper: 'ok' });
        expect(receipt.bytes).toBeGreaterThan(1000);
      }
      const [az, ru, en] = emulator.tickets;
      expect(emulator.tickets).toHaveLength(3);
      expect(emulator.stats.garbageBytes).toBe(0);

      // az: the service name and the label are rasters of the real words (ə, not "?").
      const dots = PAPER[paperWidth].dots;
      const expectRaster = (text: string, role: 'heading' | 'body') =>
        expect(
          az!.rasters.some((r) =>
            rastersEqual(r, rasterizeTextLine(text, { ...TICKET_STYLES[role], align: 'center' }, dots)),
          ),
          text,
        ).toBe(true);
      expectRaster('Şəxsiyyət vəsiqəsi', 'heading');
      expectRaster('Sizin nömrəniz', 'body');
      expect(az!.rasters.some((r) => rastersEqual(r, numberRaster('A-042', paperWidth).raster))).toBe(true);
      expect(az!.textLines).toContain('Terminal: Giriş 2');

      expect(ru!.textLines.join(' ')).toContain('Удостоверение личности');
      expect(ru!.textLines.join('\n')).toContain('Перед вами: 8 чел.');
      expect(en!.textLines.join('\n')).toContain('Estimated wait: 0-3 min');
      for (const t of [az!, ru!, en!]) expect(t.textLines.join('')).not.toContain('?');
      expect(emulator.tickets.map((t) => t.qrCodes[0])).toEqual(
        (['az', 'ru', 'en'] as const).map((l) => SAMPLE_TICKETS[l].trackingUrl),
      );

      for (const [i, language] of (['az', 'ru', 'en'] as const).entries()) {
        saveTicket(emulator.tickets[i]!, `${commandSet}-${paperWidth}mm-${language}`);
      }
    });

    it('refuses to print without paper, and no ticket comes out', async () => {
      emulator.setPaper('out');
      await expect(printer.print(SAMPLE_TICKETS.az)).rejects.toBeInstanceOf(PrinterOutOfPaperError);
      expect(emulator.tickets).toHaveLength(0);
      expect(printer.lastStatus).toMatchObject({ paper: 'out', online: false });
    });

    it('refuses with the cover open or the cutter jammed', async () => {
      emulator.setCoverOpen(true);
      await expect(printer.print(SAMPLE_TICKETS.en)).rejects.toBeInstanceOf(PrinterCoverOpenError);
      emulator.setCoverOpen(false);
      emulator.setCutterError(true);
      await expect(printer.print(SAMPLE_TICKETS.en)).rejects.toBeInstanceOf(PrinterCutterError);
      emulator.setCutterError(false);
      emulator.setOffline(true);
      await expect(printer.print(SAMPLE_TICKETS.en)).rejects.toBeInstanceOf(PrinterOfflineError);
      emulator.setOffline(false);
      await printer.print(SAMPLE_TICKETS.en);
      expect(emulator.tickets).toHaveLength(1);
    });

    it('reports a ticket cut short by the end of the roll as not printed', async () => {
      emulator.loadPaper(500); // ~6 cm: the roll ends inside the ticket
      await expect(printer.print(SAMPLE_TICKETS.ru)).rejects.toBeInstanceOf(PrinterOutOfPaperError);
      expect(emulator.tickets).toHaveLength(0);
      emulator.loadPaper();
      if (commandSet === 'epson') {
        // DLE DC4 8 dropped the rest of the refused ticket: only the new one comes out, whole.
        expect(emulator.stats.ticketsDiscarded).toBe(1);
        await printer.print(SAMPLE_TICKETS.en);
        expect(emulator.tickets).toHaveLength(1);
        expect(emulator.tickets[0]!.interrupted).toBe(false);
      } else {
        // Star Line Mode has no real-time buffer clear: the held rest prints after the new roll,
        // marked interrupted; the driver had already reported that ticket as failed.
        await printer.print(SAMPLE_TICKETS.en);
        expect(emulator.tickets.map((t) => t.interrupted)).toEqual([true, false]);
      }
    });
  },
);

describe('status polling and events', () => {
  it('reports paper near end, paper out, cover open and recovery as they happen', async () => {
    await start('epson', 80, 25);
    const seen: StatusChange[] = [];
    const next = (change: StatusChange) =>
      new Promise<PrinterStatus>((resolve) => {
        const listener = (status: PrinterStatus, changes: StatusChange[]) => {
          if (!changes.includes(change)) return;
          printer.off('status', listener);
          resolve(status);
        };
        printer.on('status', listener);
      });
    printer.on('status', (_s, changes) => seen.push(...changes));

    await next('connected');
    emulator.setPaper('near-end');
    expect((await next('paper-near-end')).online).toBe(true);
    emulator.setPaper('out');
    expect((await next('paper-out')).online).toBe(false);
    emulator.setPaper('ok');
    await next('paper-ok');
    emulator.setCoverOpen(true);
    await next('cover-open');
    emulator.setCoverOpen(false);
    await next('cover-closed');
    expect(seen).toEqual(
      expect.arrayContaining([
        'paper-near-end',
        'paper-out',
        'offline',
        'paper-ok',
        'online',
        'cover-open',
        'cover-closed',
      ]),
    );
  });

  it('a near-end roll still prints, and the receipt says so', async () => {
    await start('star', 58);
    emulator.setPaper('near-end');
    const receipt = await printer.print(SAMPLE_TICKETS.az);
    expect(receipt.status.paper).toBe('near-end');
    expect(emulator.tickets).toHaveLength(1);
  });
});

describe('lost and silent printers', () => {
  it('notices the printer going away, fails prints meanwhile, and works again when it is back', async () => {
    const port = await start('epson', 80);
    await printer.print(SAMPLE_TICKETS.en);
    const disconnected = new Promise<void>((resolve) =>
      printer.on('status', (_s, changes) => changes.includes('disconnected') && resolve()),
    );
    await emulator.close();
    await disconnected;
    await expect(printer.print(SAMPLE_TICKETS.en)).rejects.toBeInstanceOf(PrinterDisconnectedError);
    expect((await printer.status()).connected).toBe(false);

    // Same address, new emulator: the driver reconnects by itself.
    emulator = new PrinterEmulator({ commandSet: 'epson', paperWidth: 80 });
    await emulator.listenTcp(port);
    await printer.print(SAMPLE_TICKETS.en);
    expect(emulator.tickets).toHaveLength(1);
    expect(printer.lastStatus?.connected).toBe(true);
  });

  it('times out on a device that accepts bytes but never answers', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('data', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    emulator = new PrinterEmulator();
    printer = new ThermalTicketPrinter({
      link: new TcpLink({ host: '127.0.0.1', port }),
      commandSet: 'epson',
      paperWidth: 80,
      pollIntervalMs: 0,
      responseTimeoutMs: 200,
    });
    try {
      await expect(printer.print(SAMPLE_TICKETS.en)).rejects.toBeInstanceOf(PrinterTimeoutError);
      expect(await printer.status()).toMatchObject({ connected: false });
    } finally {
      await printer.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('fails fast when nothing listens', async () => {
    emulator = new PrinterEmulator();
    const { port } = await emulator.listenTcp(0);
    await emulator.close();
    printer = new ThermalTicketPrinter({
      link: new TcpLink({ host: '127.0.0.1', port }),
      commandSet: 'epson',
      paperWidth: 80,
      pollIntervalMs: 0,
    });
    await expect(printer.print(SAMPLE_TICKETS.en)).rejects.toBeInstanceOf(PrinterDisconnectedError);
  });
});
