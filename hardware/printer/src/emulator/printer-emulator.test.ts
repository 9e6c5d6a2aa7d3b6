import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_TICKETS } from '../fixtures';
import { SerialLink } from '../links/serial-link';
import { rasterDot } from '../raster';
import { buildTicketBytes } from '../ticket-bytes';
import { ThermalTicketPrinter } from '../ticket-printer';
import { PrinterEmulator } from './printer-emulator';
import { blockHeight } from './received-ticket';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'novbe-printer-test-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function send(port: number, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

describe('PrinterEmulator', () => {
  it('draws every raster row into the PNG, dot for dot', async () => {
    const emulator = new PrinterEmulator({ paperWidth: 58 });
    cleanups.push(() => emulator.close());
    emulator.receive(
      emulator.openChannel(() => undefined),
      buildTicketBytes(SAMPLE_TICKETS.az, { commandSet: 'epson', paperWidth: 58 }).bytes,
    );
    const ticket = emulator.tickets[0]!;
    const image = await loadImage(ticket.renderPng());
    expect(image.width).toBe(384);
    expect(image.height).toBe(ticket.heightDots);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, image.width, image.height).data;

    let y = 0;
    let checked = 0;
    for (const block of ticket.blocks) {
      if (block.kind === 'raster') {
        for (let ry = 0; ry < block.raster.height; ry++)
          for (let rx = 0; rx < block.raster.width; rx++) {
            const black = pixels[((y + ry) * image.width + rx) * 4]! < 128;
            if (black !== rasterDot(block.raster, rx, ry)) throw new Error(`pixel ${rx},${y + ry} differs`);
            checked++;
          }
      }
      y += blockHeight(block);
    }
    expect(checked).toBeGreaterThan(384 * 300);
  });

  it('survives garbage and streams cut off mid-command on TCP, then prints the next job', async () => {
    const emulator = new PrinterEmulator();
    cleanups.push(() => emulator.close());
    const { port } = await emulator.listenTcp(0);
    const garbage: string[] = [];
    emulator.on('garbage', (g) => garbage.push(g.reason));

    const ticket = buildTicketBytes(SAMPLE_TICKETS.ru, { commandSet: 'epson', paperWidth: 80 }).bytes;
    await send(
      port,
      Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 256),
    ); // noise
    await send(port, ticket.subarray(0, ticket.length - 3000)); // truncated inside a raster
    await send(port, ticket);
    await emulator.waitForTickets(1, 2000);

    expect(garbage).toContain('stream ended inside a command');
    expect(emulator.tickets.at(-1)!.textLines).toContain('Перед вами: 8 чел.');
    expect(emulator.stats.bytesReceived).toBe(4000 + ticket.length * 2 - 3000);
  });

  it('writes each ticket to the output folder as PNG and text', async () => {
    const dir = await tempDir();
    const emulator = new PrinterEmulator({ commandSet: 'star', outputDir: dir });
    cleanups.push(() => emulator.close());
    const { port } = await emulator.listenTcp(0);
    await send(port, buildTicketBytes(SAMPLE_TICKETS.en, { commandSet: 'star', paperWidth: 80 }).bytes);
    await emulator.waitForTickets(1);
    await expect.poll(() => readdir(dir), { timeout: 2000 }).toEqual(['ticket-0001.png', 'ticket-0001.txt']);
  });
});

describe('emulator CLI', () => {
  it('starts from the command line on TCP and a pty, prints, and obeys "paper out"', async () => {
    const dir = await tempDir();
    const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
    const cli = fileURLToPath(new URL('../emulator-cli.ts', import.meta.url));
    const child: ChildProcessWithoutNullStreams = spawn(tsx, [cli, '--tcp', '0', '--pty', '--out', dir], {
      stdio: 'pipe',
    });
    cleanups.push(async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    });
    const lines = createInterface({ input: child.stdout });
    const waitFor = (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve) => {
        const onLine = (line: string) => {
          const m = line.match(pattern);
          if (m) {
            lines.off('line', onLine);
            resolve(m);
          }
        };
        lines.on('line', onLine);
      });
    const listening = waitFor(/^listening tcp 127\.0\.0\.1:(\d+)/);
    const pty = waitFor(/^pty (.+)$/);
    expect(Number((await listening)[1])).toBeGreaterThan(0);
    const devicePath = (await pty)[1]!;

    const printer = new ThermalTicketPrinter({
      link: new SerialLink({ path: devicePath }),
      commandSet: 'epson',
      paperWidth: 80,
      pollIntervalMs: 0,
    });
    cleanups.push(() => printer.close());
    const printed = waitFor(/^ticket 1:/);
    await printer.print(SAMPLE_TICKETS.az);
    expect((await printed).input).toContain(SAMPLE_TICKETS.az.trackingUrl);

    const out = waitFor(/^condition: .*"paper":"out"/);
    child.stdin.write('paper out\n');
    await out;
    await expect(printer.print(SAMPLE_TICKETS.az)).rejects.toThrow(/out of paper/);
    await expect.poll(() => readdir(dir), { timeout: 2000 }).toContain('ticket-0001.png');
  }, 20_000);
});
