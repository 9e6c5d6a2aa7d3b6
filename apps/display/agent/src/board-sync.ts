import { BoardBusError, LedBoardBus, type LedBoardError } from '@novbe/led-board';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { boardShows, boardView, type BoardSign, type BoardView, type CounterBoardState } from './board-rules';
import type { BoardsConfig } from './config';

export type OpenBoardLine = (path: string, config: BoardsConfig) => Promise<LedBoardBus>;

export interface BoardSyncOptions {
  readonly config: BoardsConfig;
  /** The counter's state as the events left it. */
  readonly state: (counterId: string) => CounterBoardState | undefined;
  readonly clock: () => number;
  readonly logger: Logger;
  /** How long a sign stays. */
  readonly signMs: number;
  /** Opens the serial line (tests may bring another protocol). */
  readonly openLine?: OpenBoardLine;
}

export interface BoardSyncEvents {
  /** A board stopped answering (or the line is gone). */
  offline: [unit: number, error: Error];
  /** A board answers again; its state has been sent again. */
  online: [unit: number];
  /** A board was told to show `view`. */
  shown: [unit: number, view: BoardView];
}

const openModbusLine: OpenBoardLine = (path, c) =>
  LedBoardBus.openModbus(path, { baudRate: c.baudRate, timeoutMs: c.timeoutMs, retries: c.retries });

/**
 * Keeps every board on the line showing its counter's state. Each board gets the latest state
 * only (a burst of events is one write); the bus sends one request at a time. Every
 * `checkIntervalMs` each board is read back: one that stopped answering is reported offline,
 * one that answers again (or shows something else, as after a power cut) is sent its state
 * again. A line that fails as a whole (adapter unplugged) is closed and opened again.
 */
export class BoardSync extends EventEmitter<BoardSyncEvents> {
  readonly #o: BoardSyncOptions;
  readonly #open: OpenBoardLine;
  readonly #counterOf = new Map<number, string>();
  readonly #signs = new Map<number, BoardSign>();
  readonly #writing = new Set<number>();
  readonly #again = new Set<number>();
  readonly #offline = new Set<number>();
  /** Boards whose state changed while the line was closed: written once it opens. */
  readonly #missed = new Set<number>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #bus: LedBoardBus | null = null;
  #opening: Promise<void> | null = null;
  #checking: Promise<void> | null = null;
  #checkTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: BoardSyncOptions) {
    super();
    this.#o = options;
    this.#open = options.openLine ?? openModbusLine;
    for (const u of options.config.units) this.#counterOf.set(u.unit, u.counterId);
  }

  /** Bus unit → counter id, as configured. */
  get units(): ReadonlyMap<number, string> {
    return this.#counterOf;
  }

  /** Boards that do not answer now (every board while the line is closed). */
  get offline(): number[] {
    return [...this.#offline].sort((a, b) => a - b);
  }

  /**
   * Opens the line and checks every board, in the background (dead boards each take their
   * timeouts); a line that does not open is tried again at each check.
   */
  start(): void {
    if (!this.#o.config.path || this.#counterOf.size === 0) return;
    void this.check();
    this.#checkTimer = setInterval(() => void this.check(), this.#o.config.checkIntervalMs);
    this.#checkTimer.unref();
  }

  /** Sends the counter's state (every counter's when none is named) to its boards. */
  refresh(counterId?: string): void {
    for (const [unit, counter] of this.#counterOf)
      if (counterId === undefined || counter === counterId) this.#kick(unit);
  }

  /** Shows `text` on the counter's boards for `signMs`, then their state again. */
  sign(counterId: string, text: string): void {
    for (const [unit, counter] of this.#counterOf) {
      if (counter !== counterId) continue;
      const sign: BoardSign = { text, until: this.#o.clock() + this.#o.signMs };
      this.#signs.set(unit, sign);
      this.#later(this.#o.signMs, () => {
        if (this.#signs.get(unit) !== sign) return;
        this.#signs.delete(unit);
        this.#kick(unit);
      });
      this.#kick(unit);
    }
  }

  /** One round now: (re)open the line if needed, read every board back, resend what differs. */
  check(): Promise<void> {
    this.#checking ??= this.#check().finally(() => (this.#checking = null));
    return this.#checking;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#checkTimer);
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    await this.#opening;
    await this.#checking;
    const bus = this.#bus;
    this.#bus = null;
    await bus?.close();
  }

  async #check(): Promise<void> {
    if (this.#closed) return;
    if (!this.#bus) await this.#openLine();
    const bus = this.#bus;
    if (!bus) return;
    for (const unit of this.#missed) this.#kick(unit);
    this.#missed.clear();
    for (const unit of this.#counterOf.keys()) {
      if (this.#closed || this.#bus !== bus) return;
      if (this.#writing.has(unit)) continue;
      try {
        const read = await bus.readState(unit);
        const wasOffline = this.#online(unit);
        const view = this.#view(unit);
        if (view && (wasOffline || !boardShows(view, read))) this.#kick(unit);
      } catch (e) {
        this.#failed(bus, unit, e);
      }
    }
  }

  #openLine(): Promise<void> {
    this.#opening ??= (async () => {
      const path = this.#o.config.path!;
      try {
        const bus = await this.#open(path, this.#o.config);
        if (this.#closed) return void (await bus.close());
        this.#bus = bus;
        this.#o.logger.info({ path }, 'board line open');
      } catch (e) {
        for (const unit of this.#counterOf.keys()) this.#markOffline(unit, e as Error);
      }
    })().finally(() => (this.#opening = null));
    return this.#opening;
  }

  #view(unit: number): BoardView | null {
    return boardView(
      this.#o.state(this.#counterOf.get(unit)!),
      this.#signs.get(unit) ?? null,
      this.#o.clock(),
    );
  }

  /** Writes the board's latest view; asked again while writing, it writes once more after. */
  #kick(unit: number): void {
    if (this.#closed) return;
    if (!this.#bus) return void this.#missed.add(unit);
    if (this.#writing.has(unit)) return void this.#again.add(unit);
    this.#writing.add(unit);
    void this.#write(this.#bus, unit).finally(() => {
      this.#writing.delete(unit);
      if (this.#again.delete(unit)) this.#kick(unit);
    });
  }

  async #write(bus: LedBoardBus, unit: number): Promise<void> {
    const view = this.#view(unit);
    if (!view) return;
    try {
      switch (view.kind) {
        case 'number':
          await bus.showNumber(unit, view.text, { blinkSeconds: view.blinkSeconds });
          break;
        case 'sign':
          await bus.showSign(unit, view.text, { blinkSeconds: view.blinkSeconds });
          break;
        case 'closed':
        case 'blank':
          await bus.setMode(unit, view.kind);
          // A mode leaves the blink register alone: a sign or a call may still be blinking.
          await bus.blink(unit, 0);
          break;
      }
      this.#online(unit);
      this.emit('shown', unit, view);
    } catch (e) {
      this.#failed(bus, unit, e);
    }
  }

  /** Marks a board as answering; true when it had been offline (its state is then sent again). */
  #online(unit: number): boolean {
    if (!this.#offline.delete(unit)) return false;
    this.#o.logger.info({ unit }, 'board answers again');
    this.emit('online', unit);
    return true;
  }

  #failed(bus: LedBoardBus, unit: number, e: unknown): void {
    const error = e as LedBoardError;
    if (error.code === 'board-value') {
      // Nothing any board can show (a ticket number too long): not the board's fault.
      this.#o.logger.warn({ unit, err: error.message }, 'board cannot show this');
      return;
    }
    this.#markOffline(unit, error);
    // The line itself failed (adapter unplugged, port closed): open it again at the next check.
    if (error instanceof BoardBusError && this.#bus === bus) {
      this.#bus = null;
      this.#o.logger.warn({ err: error.message }, 'board line lost; opening it again');
      void bus.close().catch(() => undefined);
      for (const u of this.#counterOf.keys()) this.#markOffline(u, error);
    }
  }

  #markOffline(unit: number, error: Error): void {
    if (this.#offline.has(unit)) return;
    this.#offline.add(unit);
    this.#o.logger.warn({ unit, err: error.message }, 'board does not answer');
    this.emit('offline', unit, error);
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.#timers.add(timer);
  }
}
