import { describe, expect, it } from 'vitest';
import manifest from '../../../voice/pack/manifest.json';
import { Announcer, type AnnouncerOptions, type AudioBufferLike } from './announcer';
import { composeCall, type SpokenCall } from './compose';

/** A decoded clip: its "bytes" are just its length in seconds. */
class FakeBuffer implements AudioBufferLike {
  constructor(readonly duration: number) {}
}

class FakeSource {
  buffer: AudioBufferLike | null = null;
  onended: (() => void) | null = null;
  when: number | undefined;
  ended = false;
  constructor(private readonly context: FakeContext) {}
  connect(): void {}
  start(when = 0): void {
    if (this.when !== undefined) throw new Error('started twice');
    this.when = when;
    this.context.started.push(this);
  }
  get end(): number {
    return this.when! + this.buffer!.duration;
  }
}

/** The part of an AudioContext the announcer uses, with a clock the test moves. */
class FakeContext {
  currentTime = 0;
  readonly destination = {};
  readonly started: FakeSource[] = [];
  decoded = 0;
  /** Sources whose `onended` is never fired, as if the event got lost. */
  deaf = new Set<number>();
  decodeAudioData(data: ArrayBuffer): Promise<AudioBufferLike> {
    this.decoded++;
    return Promise.resolve(new FakeBuffer(Number(new TextDecoder().decode(data))));
  }
  createBufferSource(): FakeSource {
    return new FakeSource(this);
  }
  /** Moves the clock to `time`, ending each source whose end has come, in order. */
  advance(time: number): void {
    this.currentTime = time;
    for (const source of this.started)
      if (!source.ended && source.end <= time) {
        source.ended = true;
        if (!this.deaf.has(this.started.indexOf(source))) source.onended?.();
      }
  }
}

const lengthOf = (name: string) => (name === 'common/chime' ? 1.5 : name === 'common/pause' ? 0.25 : 0.5);
const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
/** Lets every pending promise of the announcer run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function rig(options: Partial<AnnouncerOptions> & { broken?: string[] } = {}) {
  const context = new FakeContext();
  const warnings: string[] = [];
  const speaking: boolean[] = [];
  const timers: { fn: () => void; cancelled: boolean }[] = [];
  const loads: string[] = [];
  let clock = 0;
  const announcer = new Announcer({
    context,
    baseUrl: 'voice',
    load: async (url) => {
      loads.push(url);
      const file = url.replace(/^voice\//, '');
      if (file === 'manifest.json') return bytes(JSON.stringify(manifest));
      if (options.broken?.includes(file)) throw new Error('HTTP 404');
      return bytes(String(lengthOf(file.replace(/\.ogg$/, ''))));
    },
    warn: (message) => warnings.push(message),
    onSpeakingChange: (s) => speaking.push(s),
    now: () => clock++,
    setTimer: (fn) => {
      const timer = { fn, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    ...options,
  });
  /** Plays until the queue is empty: each step lets the announcer schedule, then ends the next clip. */
  async function playAll(limit = 10_000) {
    for (let step = 0; step < limit; step++) {
      await settle();
      const next = context.started.filter((s) => !s.ended).sort((a, b) => a.end - b.end)[0];
      if (!next) {
        if (announcer.pending === 0) return;
        throw new Error('the queue stalled');
      }
      context.advance(next.end);
    }
    throw new Error('did not finish');
  }
  return { context, announcer, warnings, speaking, timers, loads, playAll };
}

/** Every source started, in time order, never beginning before the one before ended. */
function expectNoOverlap(context: FakeContext) {
  const sources = [...context.started].sort((a, b) => a.when! - b.when!);
  for (let i = 1; i < sources.length; i++)
    expect(sources[i]!.when!).toBeGreaterThanOrEqual(sources[i - 1]!.end - 1e-9);
}

const call = (number: string, counterNumber: number, language?: SpokenCall['language']): SpokenCall => ({
  number,
  counterNumber,
  language,
});

describe('Announcer', () => {
  it('plays two calls enqueued together in order, clip after clip, with a gap between', async () => {
    const { announcer, context, playAll, speaking } = rig({ gapSec: 0.7 });
    await announcer.preload();
    const first = call('A-042', 5, 'ru');
    const second = call('B-7', 12);
    announcer.announce(first);
    announcer.announce(second);
    await playAll();

    const [a, b] = announcer.log;
    expect(a!.clips.map((c) => c.name)).toEqual(composeCall(first));
    expect(b!.clips.map((c) => c.name)).toEqual(composeCall(second));
    for (const record of [a!, b!])
      record.clips.forEach((clip, i) => {
        const before = record.clips[i - 1];
        expect(clip.when).toBe(before ? before.when + before.duration : record.start);
      });
    expect(b!.start).toBeCloseTo(a!.end! + 0.7, 9);
    expect(a!.endedAt!).toBeLessThanOrEqual(b!.scheduledAt!);
    expectNoOverlap(context);
    expect(context.started).toHaveLength(a!.clips.length + b!.clips.length);
    expect(speaking).toEqual([true, false]);
  });

  it('sets the first clip of an idle queue right away, a lead ahead of the clock', async () => {
    const { announcer, context } = rig({ leadSec: 0.05 });
    await announcer.preload();
    context.currentTime = 100;
    announcer.announce(call('A-1', 1));
    await settle();
    expect(announcer.log[0]!.start).toBeCloseTo(100.05, 9);
    expect(context.started[0]!.when).toBeCloseTo(100.05, 9);
  });

  it('speaks a recall again', async () => {
    const { announcer, context, playAll } = rig();
    const again = call('C-3', 2, 'en');
    announcer.announce(again);
    await playAll();
    announcer.announce(again);
    await playAll();
    const [first, recall] = announcer.log;
    expect(recall!.clips.map((c) => c.name)).toEqual(first!.clips.map((c) => c.name));
    expect(recall!.start!).toBeGreaterThan(first!.end!);
    expectNoOverlap(context);
  });

  it('decodes each clip once, however often it is spoken', async () => {
    const { announcer, context, loads, playAll } = rig();
    await announcer.preload(['az']);
    const decoded = context.decoded;
    expect(decoded).toBe(Object.keys(manifest.clips).filter((n) => !/^(ru|en)\//.test(n)).length);
    for (let i = 0; i < 5; i++) announcer.announce(call('A-042', 5));
    await playAll();
    expect(context.decoded).toBe(decoded);
    expect(loads.filter((url) => url.endsWith('manifest.json'))).toHaveLength(1);
  });

  it('leaves out a clip it cannot load, logs it, and goes on', async () => {
    const { announcer, context, warnings, playAll } = rig({ broken: ['az/num-40.ogg'] });
    const preloaded = await announcer.preload();
    expect(preloaded.missing).toEqual(['az/num-40']);
    announcer.announce(call('A-042', 5));
    announcer.announce(call('A-043', 6));
    await playAll();
    const [first, second] = announcer.log;
    expect(first!.missing).toEqual(['az/num-40']);
    expect(first!.clips.map((c) => c.name)).toEqual(
      composeCall(call('A-042', 5)).filter((c) => c !== 'az/num-40'),
    );
    expect(second!.missing).toEqual(['az/num-40']);
    expect(second!.endedAt).toBeDefined();
    expect(warnings.some((w) => w.includes('az/num-40'))).toBe(true);
    expectNoOverlap(context);
  });

  it('moves on when a whole announcement is missing', async () => {
    const { announcer, playAll } = rig({ load: () => Promise.reject(new Error('offline')) });
    announcer.announce(call('A-1', 1));
    announcer.announce(call('A-2', 1));
    await playAll();
    expect(announcer.log.map((r) => r.endedAt !== undefined)).toEqual([true, true]);
    expect(announcer.log[0]!.clips).toEqual([]);
  });

  it('skips nothing when 50 calls arrive at once', async () => {
    const { announcer, context, playAll, speaking } = rig();
    const calls = Array.from({ length: 50 }, (_, i) =>
      call(`A-${String(i + 1).padStart(3, '0')}`, (i % 9) + 1, i % 3 ? 'ru' : undefined),
    );
    const ids = calls.map((c) => announcer.announce(c));
    expect(announcer.pending).toBe(50);
    await playAll();
    expect(announcer.log.map((r) => r.id)).toEqual(ids);
    announcer.log.forEach((record, i) => {
      expect(record.number).toBe(calls[i]!.number);
      expect(record.clips.map((c) => c.name)).toEqual(composeCall(calls[i]!));
      if (i > 0) expect(record.start!).toBeGreaterThan(announcer.log[i - 1]!.end!);
    });
    expect(context.started).toHaveLength(announcer.log.reduce((n, r) => n + r.clips.length, 0));
    expectNoOverlap(context);
    expect(speaking).toEqual([true, false]);
  });

  it('keeps only the last entries of its log', async () => {
    const { announcer, playAll } = rig({ logSize: 5 });
    for (let i = 1; i <= 12; i++) announcer.announce(call(`A-${i}`, 1));
    await playAll();
    expect(announcer.log.map((r) => r.id)).toEqual([8, 9, 10, 11, 12]);
  });

  it('goes on when an ended event never comes, without overlapping', async () => {
    const { announcer, context, timers } = rig();
    announcer.announce(call('A-1', 1));
    announcer.announce(call('A-2', 2));
    await settle();
    context.deaf.add(announcer.log[0]!.clips.length - 1); // the last clip carries the ended event
    const firstEnd = announcer.log[0]!.end!;
    context.advance(firstEnd + 5);
    await settle();
    expect(announcer.log[1]!.start).toBeUndefined();
    timers.filter((t) => !t.cancelled).forEach((t) => t.fn());
    await settle();
    expect(announcer.log[1]!.start!).toBeGreaterThan(firstEnd);
    expectNoOverlap(context);
  });

  it('announces in the configured languages', async () => {
    const { announcer, playAll } = rig({ languages: ['citizen', 'az'] });
    announcer.announce(call('A-1', 1, 'en'));
    announcer.setLanguages(['az']);
    announcer.announce(call('A-2', 1, 'en'));
    await playAll();
    expect(announcer.log[0]!.clips[1]!.name).toBe('en/phrase-ticket');
    expect(announcer.log[1]!.clips.some((c) => c.name.startsWith('en/'))).toBe(false);
  });

  it('resolves whenIdle once the queue is empty', async () => {
    const { announcer, playAll } = rig();
    let idle = false;
    announcer.announce(call('A-1', 1));
    void announcer.whenIdle().then(() => (idle = true));
    await settle();
    expect(idle).toBe(false);
    await playAll();
    await settle();
    expect(idle).toBe(true);
  });
});
