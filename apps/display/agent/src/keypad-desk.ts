import {
  KeypadWatcher,
  parseKeymap,
  type HidDeviceInfo,
  type KeypadCommand,
  type KeypadCommandEvent,
} from '@novbe/buttons';
import { createCenterClient, type CounterCommand } from '@novbe/protocol';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { SIGNS } from './board-rules';
import type { KeypadBinding, KeypadsConfig } from './config';
import { allBindings, counterFor, keypadSources, type KeypadSource } from './keypad-binding';
import { answeredOutcome, counterCommandFor, failedOutcome, type PressOutcome } from './keypad-commands';

/** A keypad press and how it ended. */
export interface KeypadPress extends PressOutcome {
  readonly counterId: string;
  readonly key: KeypadCommand;
  readonly device: string;
}

export interface KeypadDeskOptions {
  readonly config: KeypadsConfig;
  readonly serverUrl: string;
  /** The counter's counter-board token, or null when this PC holds none. */
  readonly tokenFor: (counterId: string) => string | null;
  /** A press the server has not answered within this long is refused. */
  readonly timeoutMs: number;
  readonly clock: () => number;
  readonly logger: Logger;
  /** Keypads the host brings besides node-hid and TCP (emulators in-process). */
  readonly extraSources?: readonly KeypadSource[];
}

export interface KeypadDeskEvents {
  press: [KeypadPress];
  attached: [device: HidDeviceInfo, counterId: string | null];
  detached: [device: HidDeviceInfo, counterId: string | null, reason: Error];
}

/**
 * The counters' keypads: each press becomes a command at the keypad's own counter, sent with
 * that counter's own counter-board token (the server lets it command no other counter), once.
 * A press the server does not take now is refused with a sign on the counter's board, never
 * kept for later. Presses of one counter go out in the order pressed.
 */
export class KeypadDesk extends EventEmitter<KeypadDeskEvents> {
  readonly #o: KeypadDeskOptions;
  readonly #bindings: readonly KeypadBinding[];
  readonly #watcher: KeypadWatcher;
  readonly #attached = new Map<string, HidDeviceInfo>();
  readonly #queues = new Map<string, Promise<unknown>>();
  /** Things said once: a keypad bound to no counter, a counter without a token, a failing source. */
  readonly #told = new Set<string>();

  constructor(options: KeypadDeskOptions) {
    super();
    this.#o = options;
    this.#bindings = allBindings(options.config);
    const sources = keypadSources(options.config, options.extraSources, (e) =>
      this.#once(`list:${e.message}`, () => options.logger.warn({ err: e.message }, 'cannot list keypads')),
    );
    this.#watcher = new KeypadWatcher({
      keymap: parseKeymap(options.config.keymap),
      listDevices: sources.listDevices,
      openDevice: sources.openDevice,
      pollMs: options.config.pollMs,
    });
    this.#watcher.on('command', (e) => void this.#press(e));
    this.#watcher.on('attached', (d) => {
      this.#attached.set(d.path, d);
      const counterId = counterFor(this.#bindings, d);
      options.logger.info({ keypad: d.path, counterId }, 'keypad attached');
      if (!counterId)
        this.#once(`unbound:${d.path}`, () =>
          options.logger.warn({ keypad: d.path }, 'keypad bound to no counter: its presses are ignored'),
        );
      this.emit('attached', d, counterId);
    });
    this.#watcher.on('detached', (d, reason) => {
      this.#attached.delete(d.path);
      options.logger.warn({ keypad: d.path, err: reason.message }, 'keypad detached');
      this.emit('detached', d, counterFor(this.#bindings, d), reason);
    });
    this.#watcher.on('fault', (e) => options.logger.warn({ err: e.message }, 'keypad fault'));
  }

  /** Each binding and whether a keypad it names is attached now. */
  get keypads(): { counterId: string; attached: boolean }[] {
    const devices = [...this.#attached.values()];
    return this.#bindings.map((b) => ({
      counterId: b.counterId,
      attached: devices.some((d) => counterFor([b], d) !== null),
    }));
  }

  start(): Promise<void> {
    return this.#watcher.start();
  }

  /** Stops watching and waits for presses in flight. */
  async close(): Promise<void> {
    await this.#watcher.stop();
    await Promise.all(this.#queues.values());
  }

  async #press(e: KeypadCommandEvent): Promise<void> {
    const pressedAt = this.#o.clock();
    const counterId = counterFor(this.#bindings, e.device);
    if (!counterId) return; // said once when it was attached
    const command = counterCommandFor(e.command);
    const token = this.#o.tokenFor(counterId);
    if (!command)
      return this.#done(counterId, e, {
        outcome: 'refused',
        sign: SIGNS.refused,
        reason: `"${e.command}" needs a target a keypad cannot give`,
      });
    if (!token) {
      this.#once(`token:${counterId}`, () =>
        this.#o.logger.error(
          { counterId },
          'no counter-board token for this counter: pair one for its keypads',
        ),
      );
      return this.#done(counterId, e, {
        outcome: 'unreachable',
        sign: SIGNS.unreachable,
        reason: 'no counter-board token',
      });
    }
    // One at a time per counter, in the order pressed; the budget runs from the press.
    const previous = this.#queues.get(counterId) ?? Promise.resolve();
    const run = previous.then(async () => {
      const budget = pressedAt + this.#o.timeoutMs - this.#o.clock();
      this.#done(
        counterId,
        e,
        budget <= 0
          ? { outcome: 'unreachable', sign: SIGNS.unreachable, reason: 'no time left' }
          : await this.#send(counterId, token, command, budget),
      );
    });
    this.#queues.set(counterId, run);
    await run;
    if (this.#queues.get(counterId) === run) this.#queues.delete(counterId);
  }

  async #send(
    counterId: string,
    token: string,
    command: CounterCommand,
    timeoutMs: number,
  ): Promise<PressOutcome> {
    const client = createCenterClient({ baseUrl: this.#o.serverUrl, token, timeoutMs });
    try {
      return answeredOutcome(
        await client.counterCommand({ params: { id: counterId }, body: command }),
        command,
      );
    } catch (error) {
      return failedOutcome(error);
    }
  }

  #done(counterId: string, e: KeypadCommandEvent, outcome: PressOutcome): void {
    const press: KeypadPress = { ...outcome, counterId, key: e.command, device: e.device.path };
    const log = {
      counterId,
      key: e.command,
      keypad: e.device.path,
      outcome: outcome.outcome,
      reason: outcome.reason,
    };
    if (outcome.outcome === 'done') this.#o.logger.info(log, 'keypad press');
    else this.#o.logger.warn(log, 'keypad press refused');
    this.emit('press', press);
  }

  #once(key: string, say: () => void): void {
    if (this.#told.has(key)) return;
    this.#told.add(key);
    say();
  }
}
