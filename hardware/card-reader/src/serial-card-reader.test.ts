import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CardReaderEmulator, emulatedCardLines } from './card-reader-emulator';
import { CardReaderDisconnectedError, CardReaderOpenError } from './errors';
import { nextEvent } from './next-event.test-helper';
import type { CardRejection } from './reject-reason';
import { SerialCardReader } from './serial-card-reader';
import { generateTestCard } from './test-card';

const now = new Date('2026-05-01T08:00:00Z');
const card = generateTestCard({ surname: 'ISMAYILOV', givenNames: 'TURAL', sex: 'M', fin: '3HB8XK4' });

let emulator: CardReaderEmulator;
let reader: SerialCardReader;

beforeEach(async () => {
  emulator = await CardReaderEmulator.start();
  reader = new SerialCardReader({ path: emulator.path, now: () => now, interLineTimeoutMs: 150 });
  await reader.open();
});

afterEach(async () => {
  await reader.close();
  await emulator.stop();
});

describe('SerialCardReader ↔ CardReaderEmulator over a socat pty', () => {
  it('reads a valid card', async () => {
    const card$ = nextEvent(reader, 'card');
    await emulator.presentCard(card.lines);
    const [transaction] = await card$;
    expect(transaction.read).toEqual(card.expected);
    transaction.drop();
  });

  it.each(['cr', 'stx-etx', 'joined'] as const)(
    'reads a card framed %s, noisy and split into small chunks',
    async (framing) => {
      const card$ = nextEvent(reader, 'card');
      await emulator.presentCard(card.lines, {
        framing,
        noiseBytes: 30,
        chunkSize: { min: 1, max: 7 },
        chunkDelayMs: 1,
      });
      expect((await card$)[0].read).toEqual(card.expected);
    },
  );

  it.each(['documentNumber', 'birthDate', 'expiryDate', 'composite'] as const)(
    'rejects a bad %s check digit, naming the field',
    async (field) => {
      const reject$ = nextEvent(reader, 'reject');
      await emulator.presentCard(emulatedCardLines({ badCheckDigit: field }), { chunkSize: 5 });
      expect((await reject$)[0]).toMatchObject({ reason: 'bad-check-digit', field });
    },
  );

  it('rejects an expired card', async () => {
    const reject$ = nextEvent(reader, 'reject');
    await emulator.presentCard(emulatedCardLines({ expired: true, now }));
    expect((await reject$)[0]).toMatchObject({ reason: 'expired', field: 'expiryDate' });
  });

  it('rejects garbage, then reads the valid card behind it', async () => {
    const rejects: CardRejection[] = [];
    reader.on('reject', (rejection) => rejects.push(rejection));
    const card$ = nextEvent(reader, 'card');
    await emulator.send(Buffer.from('\x00\xff~~ ERR 0x1F ~~\r\n\x13'));
    await emulator.presentCard(card.lines, { chunkSize: 3 });
    expect((await card$)[0].read).toEqual(card.expected);
    expect(rejects.map((r) => r.reason)).toEqual(['garbled']);
  });

  it('abandons a card pulled out mid-read, then reads the next one', async () => {
    const reject$ = nextEvent(reader, 'reject');
    await emulator.presentCard(card.lines, { truncateTo: 50 });
    // Abandoned for the silence after it (the decoder's tests show when).
    expect((await reject$)[0]).toMatchObject({ reason: 'partial' });
    const card$ = nextEvent(reader, 'card');
    await emulator.presentCard(card.lines);
    expect((await card$)[0].read).toEqual(card.expected);
  });

  it('reports unplugging (pty closed) as an error and a close, without crashing', async () => {
    const error$ = nextEvent(reader, 'error');
    const close$ = nextEvent(reader, 'close');
    await emulator.unplug();
    expect((await error$)[0]).toBeInstanceOf(CardReaderDisconnectedError);
    await close$;
    expect(reader.isOpen).toBe(false);
  });

  it('notices socat killed outright (links left behind), as when a USB reader is yanked', async () => {
    const error$ = nextEvent(reader, 'error');
    process.kill(emulator.pid, 'SIGKILL');
    expect((await error$)[0]).toBeInstanceOf(CardReaderDisconnectedError);
    expect(reader.isOpen).toBe(false);
  });

  it('refuses to open a port that is not there', async () => {
    const missing = new SerialCardReader({ path: `${emulator.path}-missing` });
    await expect(missing.open()).rejects.toBeInstanceOf(CardReaderOpenError);
  });

  // How fast is for `npm run bench:hardware` (card_pty_ms); here, that no read is lost or doubled.
  it('delivers every one of 20 reads in a row once, whole', async () => {
    const reads: unknown[] = [];
    const rejects: CardRejection[] = [];
    reader.on('card', (transaction) => {
      reads.push(transaction.read);
      transaction.drop();
    });
    reader.on('reject', (rejection) => rejects.push(rejection));
    for (let i = 0; i < 20; i++) {
      const card$ = nextEvent(reader, 'card');
      await emulator.presentCard(card.lines, { framing: 'cr', chunkSize: 91, chunkDelayMs: 5 });
      await card$;
    }
    expect(reads).toEqual(Array.from({ length: 20 }, () => card.expected));
    expect(rejects).toEqual([]);
  });
});

describe('SerialCardReader unplugged and plugged back in', () => {
  let dir: string;
  const emulators: CardReaderEmulator[] = [];
  let replugged: SerialCardReader | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'novbe-card-replug-'));
  });

  afterEach(async () => {
    await replugged?.close();
    for (const e of emulators.splice(0)) await e.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('reopens the same path without a restart and reads the next card', async () => {
    const readerPath = join(dir, 'ttyUSB0');
    emulators.push(await CardReaderEmulator.start({ readerPath }));
    replugged = new SerialCardReader({ path: readerPath, now: () => now });
    await replugged.open();
    const close$ = nextEvent(replugged, 'close');
    await emulators[0]!.unplug();
    await close$;

    emulators.push(await CardReaderEmulator.start({ readerPath }));
    await replugged.open();
    const card$ = nextEvent(replugged, 'card');
    await emulators[1]!.presentCard(card.lines);
    expect((await card$)[0].read).toEqual(card.expected);
  });
});
