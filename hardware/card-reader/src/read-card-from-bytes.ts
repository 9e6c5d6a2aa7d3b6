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
 * the first outcome (a read or a rejection), timed from the byte that ends the read. For the benchmark
 * and for tools; the decoder is discarded, so the read lives only in the returned value.
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
    // Everything up to the last MRZ character goes in untimed; the clock runs from the line end that
    // completes the read, whatever the framing (CR, CR LF, ETX) and any noise after it.
    const split = lastMrzCharIndex(bytes) + 1;
    if (split > 0) decoder.feed(bytes.subarray(0, split));
    const start = performance.now();
    if (split < bytes.length) decoder.feed(bytes.subarray(split));
    const result = await outcome;
    return { result, parseMs: performance.now() - start };
  } finally {
    decoder.dispose();
  }
}

function lastMrzCharIndex(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0; i--) {
    const byte = bytes[i]!;
    if ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || byte === 0x3c) return i;
  }
  return -1;
}
