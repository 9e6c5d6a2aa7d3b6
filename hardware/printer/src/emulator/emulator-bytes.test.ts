import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { PrinterEmulator } from './printer-emulator';

let emulator: PrinterEmulator | undefined;
afterEach(async () => emulator?.close());

describe('PrinterEmulator bytes event', () => {
  it('reports when bytes arrive on TCP and how many', async () => {
    emulator = new PrinterEmulator();
    const { port } = await emulator.listenTcp(0);
    const seen: { at: number; length: number }[] = [];
    emulator.on('bytes', (b) => seen.push(b));
    const before = performance.now();
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(Buffer.from('\x1b@Salam\n'));
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    socket.destroy();
    expect(seen.reduce((n, b) => n + b.length, 0)).toBe(8);
    expect(seen[0]!.at).toBeGreaterThanOrEqual(before);
  });
});
