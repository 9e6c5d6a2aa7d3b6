import { once } from 'node:events';

import { afterEach, describe, expect, it } from 'vitest';

import { CardReadDecoder, type CardDecoderOptions } from './card-read-decoder';
import type { IdCardRead } from './id-card-read';
import { readCardFromBytes } from './read-card-from-bytes';
import type { CardRejection } from './reject-reason';
import { encodeSerialRead, splitIntoChunks } from './serial-read-encoding';
import { corruptCheckDigit, generateTestCard } from './test-card';

const now = new Date('2026-05-01T08:00:00Z');
const card = generateTestCard();

type Outcome = { card: IdCardRead } | { reject: CardRejection['reason']; field?: string | undefined };

const decoders: CardReadDecoder[] = [];
function decoder(options: CardDecoderOptions = {}) {
  const d = new CardReadDecoder({ now: () => now, interLineTimeoutMs: 40, ...options });
  decoders.push(d);
  const outcomes: Outcome[] = [];
  d.on('card', (transaction) => {
    outcomes.push({ card: transaction.read });
    transaction.drop();
  });
  d.on('reject', (rejection) => outcomes.push({ reject: rejection.reason, field: rejection.field }));
  return { d, outcomes };
}

afterEach(() => {
  for (const d of decoders.splice(0)) d.dispose();
});

describe('CardReadDecoder', () => {
  it.each(['crlf', 'cr', 'stx-etx', 'joined'] as const)(
    'reads a card framed %s, with noise bytes',
    (framing) => {
      const { d, outcomes } = decoder();
      d.feed(encodeSerialRead(card.lines, { framing, noiseBytes: 25 }));
      expect(outcomes).toEqual([{ card: card.expected }]);
    },
  );

  it('reads the card however the bytes are split', () => {
    const { d, outcomes } = decoder();
    const bytes = encodeSerialRead(card.lines, { noiseBytes: 5 });
    for (let at = 1; at < bytes.length; at++) {
      d.feed(bytes.subarray(0, at));
      d.feed(bytes.subarray(at));
    }
    for (const chunk of splitIntoChunks(bytes, { chunkSize: 1 })) d.feed(chunk);
    expect(outcomes).toHaveLength(bytes.length);
    expect(outcomes.every((o) => 'card' in o && o.card.fin === card.expected.fin)).toBe(true);
  });

  it('abandons a truncated read after the silence, then reads the next card whole', async () => {
    const { d, outcomes } = decoder();
    d.feed(encodeSerialRead(card.lines, { truncateTo: 45 })); // line 1 and half of line 2
    await once(d, 'reject');
    d.feed(encodeSerialRead(card.lines));
    expect(outcomes).toEqual([{ reject: 'partial', field: undefined }, { card: card.expected }]);
  });

  it('with STX framing, a new read cuts off a truncated one at once', () => {
    const { d, outcomes } = decoder();
    d.feed(encodeSerialRead(card.lines, { framing: 'stx-etx', truncateTo: 45 }));
    d.feed(encodeSerialRead(card.lines, { framing: 'stx-etx' }));
    expect(outcomes).toEqual([{ reject: 'partial', field: undefined }, { card: card.expected }]);
  });

  it('stays quiet about pure noise on an idle line', async () => {
    const { d, outcomes } = decoder({ interLineTimeoutMs: 10 });
    d.feed(Buffer.from([0x00, 0xff, 0x11, 0x13]));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(outcomes).toEqual([]);
  });

  it('refuses a garbage line, then reads the card right behind it', () => {
    const { d, outcomes } = decoder();
    d.feed(encodeSerialRead(card.lines, { garbageBefore: true }));
    expect(outcomes).toEqual([{ reject: 'garbled', field: undefined }, { card: card.expected }]);
  });

  it('refuses a stream without line ends instead of buffering it forever', () => {
    const { d, outcomes } = decoder();
    d.feed(Buffer.alloc(600, 'A'));
    d.feed(encodeSerialRead(card.lines));
    expect(outcomes).toEqual([{ reject: 'garbled', field: undefined }, { card: card.expected }]);
  });

  it('reports bad check digits and expiry with their field', () => {
    const { d, outcomes } = decoder();
    d.feed(encodeSerialRead(corruptCheckDigit(card.lines, 'birthDate')));
    d.feed(encodeSerialRead(generateTestCard({ expiryDate: '2026-04-30' }).lines));
    expect(outcomes).toEqual([
      { reject: 'bad-check-digit', field: 'birthDate' },
      { reject: 'expired', field: 'expiryDate' },
    ]);
  });

  it('logs reasons only, never the MRZ, FIN or names', async () => {
    const logged: string[] = [];
    const logger = {
      info: (details: object, message: string) => logged.push(JSON.stringify(details) + message),
      warn: (details: object, message: string) => logged.push(JSON.stringify(details) + message),
    };
    const { d } = decoder({ logger });
    d.feed(encodeSerialRead(card.lines));
    d.feed(encodeSerialRead(corruptCheckDigit(card.lines, 'composite')));
    d.feed(encodeSerialRead(card.lines, { truncateTo: 70 }));
    await once(d, 'reject');
    expect(logged).toEqual([
      '{}card read accepted',
      '{"reason":"bad-check-digit","field":"composite"}card read rejected',
      '{"reason":"partial"}card read rejected',
    ]);
  });
});

describe('readCardFromBytes', () => {
  // How fast is for `npm run bench:hardware` (card_parse_ms); here, that every read parses.
  it('parses each read of a noisy line, timed from its last byte', async () => {
    const bytes = encodeSerialRead(card.lines, { framing: 'cr', noiseBytes: 10 });
    for (let i = 0; i < 5; i++) {
      const { result, parseMs } = await readCardFromBytes(bytes, { now: () => now });
      expect(result).toEqual({ ok: true, value: card.expected });
      expect(Number.isFinite(parseMs) && parseMs >= 0).toBe(true);
    }
  });

  it('returns the rejection for a bad read', async () => {
    const { result } = await readCardFromBytes(
      encodeSerialRead(corruptCheckDigit(card.lines, 'expiryDate')),
      {
        now: () => now,
      },
    );
    expect(result).toMatchObject({ ok: false, error: { reason: 'bad-check-digit', field: 'expiryDate' } });
  });
});
