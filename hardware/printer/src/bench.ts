import type { Language } from '@novbe/core';
import { SAMPLE_TICKETS } from './fixtures';
import { buildTicketBytes, type TicketBytesOptions } from './ticket-bytes';

export interface TicketBytesTiming {
  readonly language: Language;
  readonly commandSet: TicketBytesOptions['commandSet'];
  readonly paperWidth: TicketBytesOptions['paperWidth'];
  readonly bytes: number;
  /** Each call's time in ms, in the order of the calls: `scripts/bench` summarises them. */
  readonly timesMs: readonly number[];
}

/**
 * Times `buildTicketBytes` in process: the path from print() being called to the ESC/POS or
 * Star bytes being ready (layout, fonts, raster text, QR command), without I/O. Warm-up calls
 * (font registration, first canvas) are not counted. Each iteration varies `peopleAhead` so no
 * cache can answer for it.
 */
export function timeTicketBytes(
  options: TicketBytesOptions & { readonly language?: Language; readonly iterations?: number },
): TicketBytesTiming {
  const language = options.language ?? 'az';
  const iterations = options.iterations ?? 50;
  const ticket = SAMPLE_TICKETS[language];
  let bytes = 0;
  for (let i = 0; i < 3; i++) bytes = buildTicketBytes(ticket, options).bytes.length;
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    buildTicketBytes({ ...ticket, peopleAhead: i % 40 }, options);
    times.push(performance.now() - t0);
  }
  return { language, commandSet: options.commandSet, paperWidth: options.paperWidth, bytes, timesMs: times };
}
