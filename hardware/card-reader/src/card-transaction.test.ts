import { inspect } from 'node:util';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { CardTransaction } from './card-transaction';
import { CardReadDroppedError } from './errors';
import { generateTestCard } from './test-card';

const { expected } = generateTestCard();

describe('CardTransaction', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives the read until it is dropped, then refuses', () => {
    const transaction = new CardTransaction(expected);
    expect(transaction.read.fin).toBe('5ZR7HN2');
    transaction.drop();
    transaction.drop();
    expect(transaction.dropped).toBe(true);
    expect(() => transaction.read).toThrow(CardReadDroppedError);
  });

  it('drops the read by itself when the flow forgets to', () => {
    vi.useFakeTimers();
    const transaction = new CardTransaction(expected, { ttlMs: 1000 });
    vi.advanceTimersByTime(999);
    expect(transaction.dropped).toBe(false);
    vi.advanceTimersByTime(1);
    expect(transaction.dropped).toBe(true);
  });

  it('prints and serialises redacted, so a careless log line leaks nothing', () => {
    const transaction = new CardTransaction(expected);
    const shown = [
      JSON.stringify({ transaction }),
      inspect(transaction),
      inspect({ nested: { transaction } }, { depth: 5 }),
      String(transaction),
    ];
    for (const text of shown) {
      expect(text).toContain('redacted');
      for (const secret of [expected.fin, expected.surname, expected.documentNumber])
        expect(text).not.toContain(secret);
    }
    transaction.drop();
    expect(JSON.stringify(transaction)).toBe('{"cardRead":"dropped"}');
  });
});
