import type { CenterEvent } from '@novbe/protocol';

/**
 * Events per page: a replay sends one message per page (the part its client may see), and
 * checks the send limit between two; 100 events are ~25 KB for staff, who see them all.
 */
export const REPLAY_PAGE = 100;
/** The pages are let go once no replay has read them for this long (~11 MB for 20,000 events). */
const IDLE_MS = 60_000;

/**
 * The log's events decoded by whole pages (seq k·100+1 … (k+1)·100), shared by every stream
 * that replays through them: after a restart or a network cut, 200 displays catching up on
 * the same hours decode each event once, not 200 times (decoding, the schema check included,
 * is most of a replay's cost). Only whole pages are kept — the log is append-only, so a whole
 * page never changes — and only the most recently used `maxPages` (the most a replay reads),
 * until replays stop for a minute.
 */
export class ReplayPages {
  readonly #pages = new Map<number, readonly CenterEvent[]>();
  #idle: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly read: (after: number, limit: number) => CenterEvent[],
    private readonly maxPages: number,
  ) {}

  /** The events after `after`, up to `upTo` at most, oldest first: the rest of one page at most. */
  next(after: number, upTo: number): readonly CenterEvent[] {
    const start = after - (after % REPLAY_PAGE);
    const end = start + REPLAY_PAGE;
    if (end > upTo) return this.read(after, upTo - after);
    let page = this.#pages.get(start);
    if (page) {
      // Most recently used last: the first key is the one to evict.
      this.#pages.delete(start);
    } else {
      page = this.read(start, REPLAY_PAGE);
      if (page.length !== REPLAY_PAGE || page.at(-1)?.seq !== end) return page.filter((e) => e.seq > after);
    }
    this.#pages.set(start, page);
    if (this.#idle) this.#idle.refresh();
    else {
      this.#idle = setTimeout(() => {
        this.#pages.clear();
        this.#idle = null;
      }, IDLE_MS);
      this.#idle.unref();
    }
    for (const key of this.#pages.keys()) {
      if (this.#pages.size <= this.maxPages) break;
      this.#pages.delete(key);
    }
    return after === start ? page : page.filter((e) => e.seq > after);
  }
}
