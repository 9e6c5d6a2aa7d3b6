import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAMPLE_TICKETS } from '../fixtures';
import { buildTicketBytes } from '../ticket-bytes';
import { EscPosParser } from './escpos-parser';
import type { ParsedItem, StreamParser } from './ops';
import { PrinterEmulator } from './printer-emulator';
import { StarLineParser } from './star-parser';

const parsers = { epson: () => new EscPosParser(), star: () => new StarLineParser() } as const;
const bytesOf = {
  epson: buildTicketBytes(SAMPLE_TICKETS.az, { commandSet: 'epson', paperWidth: 80 }).bytes,
  star: buildTicketBytes(SAMPLE_TICKETS.az, { commandSet: 'star', paperWidth: 80 }).bytes,
};

/** A comparable summary of parsed items (rasters by size and content hash). */
function summary(items: ParsedItem[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (item.kind !== 'op') {
      out.push(JSON.stringify(item));
      continue;
    }
    const { op } = item;
    if (op.op === 'text') {
      // Text may arrive split across chunks; join consecutive runs.
      const last = out.at(-1);
      const s = Buffer.from(op.bytes).toString('latin1');
      if (last?.startsWith('text:')) out[out.length - 1] = last + s;
      else out.push(`text:${s}`);
    } else if (op.op === 'raster') {
      out.push(
        `raster:${op.raster.width}x${op.raster.height}:${Buffer.from(op.raster.data).toString('base64').length}:${Buffer.from(op.raster.data).reduce((a, b) => (a * 31 + b) >>> 0, 7)}`,
      );
    } else if (op.op === 'qr-store') {
      out.push(`qr:${Buffer.from(op.data).toString('latin1')}`);
    } else out.push(JSON.stringify(op));
  }
  return out;
}

function pushInChunks(parser: StreamParser, bytes: Uint8Array, cuts: number[]): ParsedItem[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const items: ParsedItem[] = [];
  let from = 0;
  for (const to of [...points, bytes.length]) {
    items.push(...parser.push(bytes.subarray(from, to)));
    from = to;
  }
  return items;
}

describe.each(['epson', 'star'] as const)('%s parser', (set) => {
  const whole = summary(parsers[set]().push(bytesOf[set]));

  it('decodes a whole ticket with no garbage', () => {
    expect(whole.filter((s) => s.includes('"garbage"'))).toEqual([]);
    expect(whole.some((s) => s.startsWith('raster:'))).toBe(true);
    expect(whole).toContain(`qr:${SAMPLE_TICKETS.az.trackingUrl}`);
  });

  it('decodes the same however the stream is split into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (cuts) => {
        expect(summary(pushInChunks(parsers[set](), bytesOf[set], cuts))).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('survives random bytes: never throws, reports garbage, recovers for the next stream', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 8 }), (noise, cuts) => {
        const parser = parsers[set]();
        pushInChunks(parser, noise, cuts);
        parser.end();
        // After end() the parser starts clean: a real ticket decodes exactly as on a fresh parser.
        expect(summary(parser.push(bytesOf[set]))).toEqual(whole);
      }),
      { numRuns: 150 },
    );
  });

  it('reports a command cut off by the end of the stream', () => {
    const parser = parsers[set]();
    const truncated = bytesOf[set].subarray(0, bytesOf[set].length - 5000);
    parser.push(truncated);
    const ended = parser.end();
    expect(ended).toEqual([
      { kind: 'garbage', bytes: expect.any(Number), reason: 'stream ended inside a command' },
    ]);
  });
});

describe('limits', () => {
  it('treats an absurd raster header as garbage instead of waiting for gigabytes', () => {
    const epson = new EscPosParser().push(
      Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0xff, 0xff, 0xff, 0xff, 0x41),
    );
    expect(epson[0]).toMatchObject({ kind: 'garbage', bytes: 8 });
    expect(epson[1]).toMatchObject({ kind: 'op', op: { op: 'text' } });
    const star = new StarLineParser().push(
      Uint8Array.of(0x1b, 0x1d, 0x53, 0x01, 0xff, 0xff, 0xff, 0xff, 0x00, 0x41),
    );
    expect(star[0]).toMatchObject({ kind: 'garbage', bytes: 9 });
  });

  it('names unknown commands and stray control bytes', () => {
    const items = new EscPosParser().push(Uint8Array.of(0x1b, 0xfe, 0x01, 0x41));
    expect(items.map((i) => i.kind)).toEqual(['garbage', 'garbage', 'op']);
    expect(items[0]).toMatchObject({ reason: 'unknown command ESC 0xfe' });
  });

  it('the emulator keeps printing after garbage in the same stream once it sees ESC @', () => {
    const emulator = new PrinterEmulator();
    const garbage: string[] = [];
    emulator.on('garbage', (g) => garbage.push(g.reason));
    const channel = emulator.openChannel(() => undefined);
    emulator.receive(channel, Uint8Array.of(0x00, 0x01, 0x1b, 0xfe, 0x7f, 0x10, 0x99));
    emulator.receive(channel, bytesOf.epson);
    expect(garbage.length).toBeGreaterThan(0);
    expect(emulator.tickets).toHaveLength(1);
    expect(emulator.tickets[0]!.qrCodes).toEqual([SAMPLE_TICKETS.az.trackingUrl]);
  });
});
