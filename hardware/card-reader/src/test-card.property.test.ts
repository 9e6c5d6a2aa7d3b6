import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { CardReadDecoder } from './card-read-decoder';
import type { IdCardRead } from './id-card-read';
import { parseIdCardMrz } from './parse-id-card';
import { encodeSerialRead, splitIntoChunks } from './serial-read-encoding';
import { seededRandom } from './seeded-random';
import { FIN_ALPHABET, type TestCardSpec, generateTestCard, randomTestCardSpec } from './test-card';

const now = new Date('2026-05-01T08:00:00Z');
const DAY = 86_400_000;

const isoDay = (min: string, max: string) =>
  fc
    .integer({ min: Date.parse(min) / DAY, max: Date.parse(max) / DAY })
    .map((day) => new Date(day * DAY).toISOString().slice(0, 10));

const cardSpec: fc.Arbitrary<TestCardSpec> = fc.record({
  surname: fc.stringMatching(/^[A-Z]{2,12}$/),
  givenNames: fc.stringMatching(/^[A-Z]{2,8}( [A-Z]{2,6})?$/),
  fin: fc
    .array(fc.constantFrom(...FIN_ALPHABET), { minLength: 7, maxLength: 7 })
    .map((chars) => chars.join('')),
  documentNumber: fc.oneof(fc.stringMatching(/^AA\d{7}$/), fc.stringMatching(/^AZE\d{8}$/)),
  // Birth dates up to yesterday; expiry from today up to ten years on (ID cards run at most ten).
  birthDate: isoDay('1927-01-01', '2026-04-30'),
  expiryDate: isoDay('2026-05-01', '2036-04-30'),
  sex: fc.constantFrom('M' as const, 'F' as const, '<' as const),
});

describe('generated cards (property)', () => {
  it('every generated card parses back to what was printed on it', () => {
    fc.assert(
      fc.property(cardSpec, (spec) => {
        const card = generateTestCard(spec);
        expect(parseIdCardMrz(card.lines, { now })).toEqual({ ok: true, value: card.expected });
      }),
    );
  });

  it('a single misread digit anywhere in lines 1–2 is always caught', () => {
    fc.assert(
      fc.property(cardSpec, fc.nat(), fc.integer({ min: 1, max: 9 }), (spec, pick, delta) => {
        const lines = [...generateTestCard(spec).lines];
        const digits = [0, 1].flatMap((line) =>
          [...lines[line]!].flatMap((char, at) => (/\d/.test(char) ? [[line, at] as const] : [])),
        );
        const [line, at] = digits[pick % digits.length]!;
        const text = lines[line]!;
        lines[line] = text.slice(0, at) + String((Number(text[at]) + delta) % 10) + text.slice(at + 1);
        expect(parseIdCardMrz(lines, { now }).ok).toBe(false);
      }),
    );
  });

  it('noise bytes and any chunking never change the read', () => {
    fc.assert(
      fc.property(
        cardSpec,
        fc.constantFrom('cr' as const, 'crlf' as const, 'stx-etx' as const, 'joined' as const),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer(),
        (spec, framing, noiseBytes, maxChunk, seed) => {
          const card = generateTestCard(spec);
          let state = seed;
          const random = () => ((state = (state * 1103515245 + 12345) >>> 0) % 1000) / 1000;
          const bytes = encodeSerialRead(card.lines, { framing, noiseBytes, random });
          const decoder = new CardReadDecoder({ now: () => now });
          const reads: IdCardRead[] = [];
          decoder.on('card', (transaction) => reads.push(transaction.read));
          decoder.on('reject', (rejection) => expect.unreachable(rejection.reason));
          for (const chunk of splitIntoChunks(bytes, { chunkSize: { min: 1, max: maxChunk }, random })) {
            decoder.feed(chunk);
          }
          decoder.dispose();
          expect(reads).toEqual([card.expected]);
        },
      ),
    );
  });

  it('the random citizens of the demo are valid cards', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const card = generateTestCard(randomTestCardSpec(seededRandom(seed), '2026-05-01'));
        expect(parseIdCardMrz(card.lines, { now })).toEqual({ ok: true, value: card.expected });
      }),
    );
  });
});
