import { join } from 'node:path';
import { z } from 'zod';
import type { CounterBoardState } from './board-rules';
import { readJsonFile, writeFileAtomic } from './durable-file';

const Saved = z.object({
  seq: z.number().int().nonnegative(),
  counters: z.record(
    z.string(),
    z.object({
      status: z.enum(['closed', 'open', 'paused']),
      number: z.string().nullable(),
      inHand: z.boolean(),
      blinkUntil: z.number(),
    }),
  ),
});
export type SavedView = z.infer<typeof Saved>;

/**
 * The last event seen and what each counter's board shows, kept across restarts in
 * `display-state.json`: a restarted agent shows the same numbers at once (a blink it was in the
 * middle of goes on for what is left of it) and resumes the event stream after that event, so no
 * call is missed and none comes twice. Saved after each batch of events, before the boards are
 * written.
 */
export class ViewJournal {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'display-state.json');
  }

  /** What was saved; nothing (a fresh start, from a snapshot) when there is none or it is damaged. */
  load(onDamaged: (error: Error) => void): SavedView {
    try {
      return Saved.parse(readJsonFile(this.path) ?? { seq: 0, counters: {} });
    } catch (e) {
      onDamaged(e as Error);
      return { seq: 0, counters: {} };
    }
  }

  save(seq: number, counters: ReadonlyMap<string, CounterBoardState>): void {
    const saved: SavedView = { seq, counters: Object.fromEntries(counters) };
    writeFileAtomic(this.path, `${JSON.stringify(saved)}\n`);
  }
}
