/**
 * Speaks calls from the voice pack with Web Audio: one queue, each announcement's clips set end
 * to end with `AudioBufferSourceNode.start(when)`, the next announcement only after the last clip
 * of the one before ended plus a short gap. Nothing is cut off, overlapped or skipped; a clip that
 * cannot be had is left out (and logged), never waited for.
 */
import {
  composeCall,
  DEFAULT_LANGUAGES,
  type LanguageChoice,
  type SpokenCall,
  type VoiceLanguage,
} from './compose';

/** What the announcer reads of an `AudioBuffer`. */
export interface AudioBufferLike {
  readonly duration: number;
}

/** What the announcer uses of an `AudioBufferSourceNode`. */
export interface AudioSourceLike {
  buffer: AudioBufferLike | null;
  onended: ((this: never, event: never) => unknown) | null;
  connect(destination: object): unknown;
  start(when?: number): void;
}

/** What the announcer uses of an `AudioContext`; tests pass a fake with a clock they move. */
export interface AudioContextLike {
  readonly currentTime: number;
  readonly destination: object;
  readonly state?: string;
  resume?(): Promise<void>;
  decodeAudioData(data: ArrayBuffer): Promise<AudioBufferLike>;
  createBufferSource(): AudioSourceLike;
}

/** The voice pack's `manifest.json`, as far as the player reads it. */
export type VoiceManifest = { languages: VoiceLanguage[]; clips: Record<string, { file: string }> };

/** A clip as it was scheduled: its start on the context's clock (seconds) and its length. */
export type ScheduledClip = { name: string; when: number; duration: number };

/** One announcement in the schedule log. Times `…At` are `now()` milliseconds; `start`/`end` context seconds. */
export type AnnouncementRecord = {
  id: number;
  number: string;
  counterNumber: number;
  language: VoiceLanguage | undefined;
  enqueuedAt: number;
  /** When its first clip was handed to `start(when)`. */
  scheduledAt?: number;
  endedAt?: number;
  start?: number;
  end?: number;
  clips: ScheduledClip[];
  /** Clips it should have had but could not load; they were left out. */
  missing: string[];
};

export type AnnouncerOptions = {
  context: AudioContextLike;
  /** Where `manifest.json` and the clips are; relative to the page by default, so the same build works from the center server and from novbe://display/. */
  baseUrl?: string;
  /** Reads a file of the pack; `fetch` by default. */
  load?: (url: string) => Promise<ArrayBuffer>;
  /** The center's language order; `'citizen'` is the citizen's own. */
  languages?: readonly LanguageChoice[];
  /** Silence between two announcements, seconds. */
  gapSec?: number;
  /** How far ahead of the context's clock an idle queue's first clip is set, seconds. */
  leadSec?: number;
  /** How many announcements the log keeps. */
  logSize?: number;
  /** A load that has not finished by then counts as missing, milliseconds. */
  loadTimeoutMs?: number;
  /** Mute a media area while this is true. */
  onSpeakingChange?: (speaking: boolean) => void;
  warn?: (message: string) => void;
  now?: () => number;
  /** Runs `fn` after `ms`; returns a cancel. Injected in tests. */
  setTimer?: (fn: () => void, ms: number) => () => void;
};

type Item = { call: SpokenCall; clips: string[]; record: AnnouncementRecord; done: boolean };

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.arrayBuffer();
}

function defaultTimer(fn: () => void, ms: number): () => void {
  const handle = setTimeout(fn, ms);
  return () => clearTimeout(handle);
}

/** The display's voice: `announce(call)` enqueues, and calls are spoken strictly one after another. */
export class Announcer {
  private readonly context: AudioContextLike;
  private readonly baseUrl: string;
  private readonly load: (url: string) => Promise<ArrayBuffer>;
  private readonly gapSec: number;
  private readonly leadSec: number;
  private readonly logSize: number;
  private readonly loadTimeoutMs: number;
  private readonly onSpeakingChange: (speaking: boolean) => void;
  private readonly warn: (message: string) => void;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => () => void;
  private languages: readonly LanguageChoice[];

  private readonly queue: Item[] = [];
  private current: Item | undefined;
  private notBefore = 0;
  private speakingNow = false;
  private nextId = 1;
  private manifest: Promise<VoiceManifest> | undefined;
  private readonly buffers = new Map<string, Promise<AudioBufferLike | undefined>>();
  private readonly records: AnnouncementRecord[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(options: AnnouncerOptions) {
    this.context = options.context;
    const base = options.baseUrl ?? 'voice/';
    this.baseUrl = base.endsWith('/') ? base : `${base}/`;
    this.load = options.load ?? fetchBytes;
    this.languages = options.languages ?? DEFAULT_LANGUAGES;
    this.gapSec = options.gapSec ?? 0.7;
    this.leadSec = options.leadSec ?? 0.05;
    this.logSize = options.logSize ?? 200;
    this.loadTimeoutMs = options.loadTimeoutMs ?? 5000;
    this.onSpeakingChange = options.onSpeakingChange ?? (() => {});
    this.warn = options.warn ?? ((message) => console.warn(message));
    this.now = options.now ?? (() => performance.now());
    this.setTimer = options.setTimer ?? defaultTimer;
  }

  /**
   * Loads the manifest and decodes every clip of `languages` (by default all the configured
   * order can need) and the common ones, so a call's first clip is set the moment it arrives.
   * Resolves with how many clips are ready and which could not be loaded.
   */
  async preload(languages?: readonly VoiceLanguage[]): Promise<{ ready: number; missing: string[] }> {
    const manifest = await this.loadManifest().catch((e: unknown) => {
      this.warn(`voice: no manifest at ${this.baseUrl}manifest.json: ${String(e)}`);
      return undefined;
    });
    if (!manifest) return { ready: 0, missing: [] };
    const wanted =
      languages ??
      (this.languages.includes('citizen')
        ? manifest.languages
        : this.languages.filter((l): l is VoiceLanguage => l !== 'citizen'));
    const names = Object.keys(manifest.clips).filter((name) => {
      const folder = name.split('/')[0];
      return folder === 'common' || wanted.some((l) => l === folder);
    });
    const buffers = await Promise.all(names.map((name) => this.clip(name)));
    return { ready: buffers.filter(Boolean).length, missing: names.filter((_, i) => !buffers[i]) };
  }

  /** Queues a call (a recall is just another call) and returns its id in the log. */
  announce(call: SpokenCall): number {
    const record: AnnouncementRecord = {
      id: this.nextId++,
      number: call.number,
      counterNumber: call.counterNumber,
      language: call.language,
      enqueuedAt: this.now(),
      clips: [],
      missing: [],
    };
    this.records.push(record);
    if (this.records.length > this.logSize) this.records.splice(0, this.records.length - this.logSize);
    this.queue.push({ call, clips: composeCall(call, this.languages), record, done: false });
    void this.next();
    return record.id;
  }

  /** Changes the language order for calls announced from now on. */
  setLanguages(languages: readonly LanguageChoice[]): void {
    this.languages = languages;
  }

  /** The last `logSize` announcements, oldest first, including those still waiting. */
  get log(): readonly AnnouncementRecord[] {
    return this.records;
  }

  /** Announcements queued or being spoken. */
  get pending(): number {
    return this.queue.length + (this.current ? 1 : 0);
  }

  /** True from the first clip of a run of announcements until the last one ended. */
  get speaking(): boolean {
    return this.speakingNow;
  }

  /** Resolves once nothing is queued or being spoken. */
  whenIdle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private loadManifest(): Promise<VoiceManifest> {
    this.manifest ??= this.withTimeout(this.load(`${this.baseUrl}manifest.json`)).then(
      (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as VoiceManifest,
    );
    // A manifest that failed to load is asked for again next time.
    this.manifest.catch(() => (this.manifest = undefined));
    return this.manifest;
  }

  /** A clip decoded once and kept; undefined when it cannot be had (tried again next time). */
  private clip(name: string): Promise<AudioBufferLike | undefined> {
    let buffer = this.buffers.get(name);
    if (!buffer) {
      buffer = this.decode(name);
      this.buffers.set(name, buffer);
    }
    return buffer;
  }

  private async decode(name: string): Promise<AudioBufferLike | undefined> {
    try {
      const entry = (await this.loadManifest()).clips[name];
      if (!entry) throw new Error('not in the manifest');
      const bytes = await this.withTimeout(this.load(`${this.baseUrl}${entry.file}`));
      return await this.context.decodeAudioData(bytes);
    } catch (e) {
      this.buffers.delete(name);
      this.warn(`voice: clip ${name} could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const cancel = this.setTimer(
        () => reject(new Error(`no answer in ${this.loadTimeoutMs} ms`)),
        this.loadTimeoutMs,
      );
      promise.then(resolve, reject).finally(cancel);
    });
  }

  /** Takes the next announcement off the queue, unless one is being spoken. */
  private async next(): Promise<void> {
    if (this.current) return;
    const item = this.queue.shift();
    if (!item) return this.becomeIdle();
    this.current = item;
    try {
      const buffers = await Promise.all(item.clips.map((name) => this.clip(name)));
      this.schedule(item, buffers);
    } catch (e) {
      this.warn(`voice: call ${item.call.number} could not be spoken: ${String(e)}`);
      this.finish(item);
    }
  }

  private schedule(item: Item, buffers: (AudioBufferLike | undefined)[]): void {
    const { context } = this;
    const { record } = item;
    if (context.state === 'suspended') context.resume?.().catch(() => {});
    let when = Math.max(context.currentTime + this.leadSec, this.notBefore);
    record.start = when;
    let last: AudioSourceLike | undefined;
    item.clips.forEach((name, i) => {
      const buffer = buffers[i];
      if (!buffer) {
        record.missing.push(name);
        return;
      }
      if (!last) this.setSpeaking(true);
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(context.destination);
      source.start(when);
      record.clips.push({ name, when, duration: buffer.duration });
      when += buffer.duration;
      last = source;
    });
    record.scheduledAt = this.now();
    record.end = when;
    if (record.missing.length > 0)
      this.warn(`voice: call ${record.number} without ${record.missing.join(', ')}`);
    if (!last) return void Promise.resolve().then(() => this.finish(item));
    this.notBefore = when + this.gapSec;
    // onended is the signal; the timer only keeps a lost event from silencing the hall for good.
    const cancel = this.setTimer(() => this.finish(item), (when - context.currentTime) * 1000 + 2000);
    last.onended = () => {
      cancel();
      this.finish(item);
    };
  }

  private finish(item: Item): void {
    if (item.done) return;
    item.done = true;
    item.record.endedAt = this.now();
    this.current = undefined;
    void this.next();
  }

  private becomeIdle(): void {
    this.setSpeaking(false);
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  private setSpeaking(speaking: boolean): void {
    if (speaking === this.speakingNow) return;
    this.speakingNow = speaking;
    this.onSpeakingChange(speaking);
  }
}
