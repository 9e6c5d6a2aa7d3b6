import type { CenterEvent } from '@novbe/protocol';
import { describe, expect, it } from 'vitest';
import { REPLAY_PAGE, ReplayPages } from './replay-pages';

/** A log of `n` events, counting its reads. */
function log(n: number) {
  const reads: [number, number][] = [];
  const read = (after: number, limit: number) => {
    reads.push([after, limit]);
    return Array.from({ length: Math.max(0, Math.min(limit, n - after)) }, (_, i) => {
      const seq = after + i + 1;
      return { seq, at: seq, type: 'config.changed', hallId: null, centerId: 'c' } as CenterEvent;
    });
  };
  return { read, reads };
}

/** Everything after `since` up to `upTo`, page by page, as a replay reads it. */
function replay(pages: ReplayPages, since: number, upTo: number): number[] {
  const seqs: number[] = [];
  for (let after = since; after < upTo;) {
    const page = pages.next(after, upTo);
    if (!page.length) break;
    seqs.push(...page.map((e) => e.seq));
    after = page.at(-1)!.seq;
  }
  return seqs;
}

describe('ReplayPages', () => {
  it('gives every event once, in order, from any point; whole pages are read once for all replays', () => {
    const n = 3 * REPLAY_PAGE + REPLAY_PAGE / 4;
    const { read, reads } = log(n);
    const pages = new ReplayPages(read, 10);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    expect(replay(pages, 0, n)).toEqual(range(1, n));
    expect(replay(pages, REPLAY_PAGE + 7, n)).toEqual(range(REPLAY_PAGE + 8, n));
    expect(replay(pages, 1, n)).toEqual(range(2, n));
    // Three whole pages read once; the last, partial page read by each replay.
    expect(reads.filter(([, limit]) => limit === REPLAY_PAGE)).toHaveLength(3);
    expect(reads.filter(([after]) => after === 3 * REPLAY_PAGE)).toHaveLength(3);
  });

  it('keeps only the most recently used pages, and never a page with a hole', () => {
    const { read, reads } = log(4 * REPLAY_PAGE);
    const pages = new ReplayPages(read, 2);
    replay(pages, 0, 4 * REPLAY_PAGE);
    reads.length = 0;
    replay(pages, 2 * REPLAY_PAGE, 4 * REPLAY_PAGE); // the last two: kept
    expect(reads).toEqual([]);
    replay(pages, 0, REPLAY_PAGE); // the first: evicted, read again
    expect(reads).toEqual([[0, REPLAY_PAGE]]);

    const holed = new ReplayPages((after, limit) => read(after, limit).filter((e) => e.seq !== 7), 2);
    expect(holed.next(0, REPLAY_PAGE)).toHaveLength(REPLAY_PAGE - 1);
    reads.length = 0;
    holed.next(0, REPLAY_PAGE);
    expect(reads).toHaveLength(1);
  });
});
