import type { EventEmitter } from 'node:events';

import type { CardReaderEvents } from './card-reader';

/** Like events.once, except that an 'error' does not reject a wait for another event. For tests. */
export function nextEvent<E extends keyof CardReaderEvents>(
  reader: EventEmitter<CardReaderEvents>,
  event: E,
): Promise<CardReaderEvents[E]> {
  return new Promise((resolve) =>
    (reader as EventEmitter).once(event, (...args: unknown[]) => resolve(args as CardReaderEvents[E])),
  );
}
