import { performance } from 'node:perf_hooks';

import { CardReadDecoder, type CardDecoderOptions } from './card-read-decoder';
import type { CardParseResult } from './parse-id-card';

export type TimedCardRead = {
  readonly result: CardParseResult;
  /** From handing over the read's last byte to the parsed, verified outcome. */
  readonly parseMs: number;
};

/**
 * Runs bytes through the same framer, assembler and parser as the drivers, in process, and resolves with
 * the first outcome (a read or a rejection). For the benchmark and for tools; the decoder is discarded,
 * so the read lives only in the returned value.
 */
export async function readCardFromBytes(
  bytes: Uint8Array,
  options: CardDecoderOptions = {},
): Promise<TimedCardRead> {
  const decoder = new CardReadDecoder({ interLineTimeoutMs: 50, ...options });
  try {
    const outcome = new Promise<CardParseResult>((resolve) => {
      decoder.once('card', (transaction) => {
        resolve({ ok: true, value: transaction.read });
        transaction.drop();
      });
      decoder.once('reject', (error) => resolve({ ok: false, error }));
    });
    if (bytes.length > 1) decoder.feed(bytes.subarray(0, bytes.length - 1));
    const start = performance.now();
    if (bytes.length > 0) decoder.feed(bytes.subarray(bytes.length - 1));
    const result = await outcome;
    return { result, parseMs: performance.now() - start };
  } finally {
    decoder.dispose();
  }
}
