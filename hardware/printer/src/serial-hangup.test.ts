import { constants } from 'node:fs';
import { coreShareOver, within } from '@novbe/serial/hangup-testing';
import { type FileHandle, open, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

import { type PtyPair, createPtyPair } from '@novbe/serial';
import { afterEach, describe, expect, it } from 'vitest';

import { PrinterEmulator } from './emulator/printer-emulator';
import { SAMPLE_TICKETS } from './fixtures';
import { SerialLink } from './links/serial-link';
import type { PrinterStatus } from './status';
import { ThermalTicketPrinter } from './ticket-printer';

// serialport's own Linux binding retries a 0-byte read forever once the tty hangs up, so a printer
// unplugged mid-transfer spun a core and never closed. Each test pulls the plug (SIGKILL to socat)
// right as bytes arrive, a few rounds each, since the hang-up races the bytes in flight.
const ROUNDS = [1, 2, 3, 4, 5, 6];

let pair: PtyPair | undefined;
let device: FileHandle | undefined;
let emulator: PrinterEmulator | undefined;
let printer: ThermalTicketPrinter | undefined;

afterEach(async () => {
  await printer?.close();
  await emulator?.close();
  await device?.close().catch(() => undefined);
  await pair?.close();
  printer = emulator = device = pair = undefined;
});

/** Kills socat the moment `count` is reached; resolves then. */
function pullThePlugAt(pair: PtyPair, count: number) {
  let seen = 0;
  let pulled!: () => void;
  const done = new Promise<void>((resolve) => (pulled = resolve));
  const pull = () => {
    if (pair.running) process.kill(pair.pid, 'SIGKILL');
    clearTimeout(fallback);
    pulled();
  };
  // On a loaded machine the bytes may come slower than planned: pull the plug anyway after 3 s.
  const fallback = setTimeout(pull, 3000);
  return {
    done,
    add(n: number) {
      seen += n;
      if (seen >= count && pair.running) pull();
    },
  };
}

describe.runIf(process.platform === 'linux')('SerialLink when the printer hangs up mid-transfer', () => {
  it.each(ROUNDS)(
    'closes with a disconnect error while bytes stream in, and does not spin (round %i)',
    async (round) => {
      pair = await createPtyPair();
      device = await open(pair.devicePath, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
      const link = new SerialLink({ path: pair.driverPath });
      await link.open();
      const closed = new Promise<Error | undefined>((resolve) => link.once('close', resolve));
      const plug = pullThePlugAt(pair, round * 3000);
      link.on('data', (chunk) => plug.add(chunk.length));

      let streaming = true;
      const stream = (async () => {
        const chunk = Buffer.alloc(256, 0x55);
        while (streaming) await device!.write(chunk).catch(() => sleep(1));
      })();
      await plug.done;
      const error = await within(closed, 1000, 'the link reported no close').finally(
        () => (streaming = false),
      );
      await stream;

      expect(error).toMatchObject({ disconnected: true });
      expect(link.isOpen).toBe(false);
      expect(await coreShareOver(500)).toBeLessThan(0.3);
    },
  );

  it.each(ROUNDS)(
    'mid-print: the printer reports itself disconnected and nothing spins (round %i)',
    async (round) => {
      pair = await createPtyPair();
      emulator = new PrinterEmulator({ commandSet: 'epson', paperWidth: 80 });
      await emulator.attachSerial(pair.devicePath);
      const link = new SerialLink({ path: pair.driverPath });
      printer = new ThermalTicketPrinter({
        link,
        commandSet: 'epson',
        paperWidth: 80,
        pollIntervalMs: 0,
        responseTimeoutMs: 300,
        printTimeoutMs: 5000,
        probeIntervalMs: 5,
      });
      const disconnected = new Promise<PrinterStatus>((resolve) =>
        printer!.on('status', (status) => !status.connected && resolve(status)),
      );
      const closed = new Promise<Error | undefined>((resolve) => link.once('close', resolve));
      const firstTicket = new Promise((resolve) => emulator!.once('ticket', resolve));

      let printing = true;
      let refused: unknown = null;
      const prints = (async () => {
        while (printing) await printer!.print(SAMPLE_TICKETS.az).catch((e: unknown) => (refused = e));
      })();
      // One ticket whole first (a loaded machine may take seconds); then status answers reach the
      // driver while the next tickets reach the emulator: pull the plug on one of them.
      await within(firstTicket, 10_000, 'the emulator printed no ticket').catch((e: Error) => {
        throw new Error(`${e.message}; the last print refused: ${String(refused)}`);
      });
      const plug = pullThePlugAt(pair, 4 * round + 8);
      link.on('data', (chunk) => plug.add(chunk.length));
      await plug.done;
      // udev removes /dev/ttyUSB0 when the adapter goes; the driver must not reopen a pty number reused since.
      await rm(pair.driverPath, { force: true });
      const error = await within(closed, 1000, 'the link reported no close');
      await within(disconnected, 1000, 'the printer reported no disconnect');
      printing = false;
      await prints;

      // Whichever way the port noticed: a read of the hung-up tty (disconnected) or a write to it (EIO).
      expect(error).toBeInstanceOf(Error);
      expect(link.isOpen).toBe(false);
      expect(emulator.tickets.length).toBeGreaterThan(0);
      expect(await coreShareOver(500)).toBeLessThan(0.3);
    },
  );
});
