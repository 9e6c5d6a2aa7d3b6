import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';

import { KeypadDisconnectedError, KeypadOpenError } from './errors';
import {
  type HidDeviceInfo,
  type HidTransport,
  type ListHidDevices,
  listNodeHidDevices,
  type OpenHidDevice,
  openNodeHidDevice,
} from './hid-transport';
import { type KeyPress, KeypadDecoder } from './keypad-decoder';
import { DEFAULT_KEYMAP, findProfile, type KeypadCommand, type Keymap } from './keymap';

/** A press that became a command. */
export interface KeypadCommandEvent {
  readonly command: KeypadCommand;
  /** The chord pressed, e.g. "F13". */
  readonly key: string;
  readonly device: HidDeviceInfo;
  /** The keymap profile that matched the device. */
  readonly profile: string;
  /** When the report carrying the press arrived, on the watcher's clock (ms). */
  readonly reportAt: number;
}

export interface KeypadWatcherEvents {
  command: [KeypadCommandEvent];
  /** Every key-down edge, bound or not, bounced or not: for diagnostics and "learn" mode. */
  key: [KeyPress & { readonly device: HidDeviceInfo }];
  attached: [HidDeviceInfo];
  detached: [HidDeviceInfo, Error];
  /**
   * Something went wrong that the watcher survives: a malformed report, a keypad that will not
   * open, a failing listener. Not named 'error' on purpose: an unheard 'error' event ends a Node
   * process, and a keypad must never take the counter display down with it.
   */
  fault: [Error];
}

export interface KeypadWatcherOptions {
  keymap?: Keymap;
  /** Device listing; node-hid's `devicesAsync()` by default. */
  listDevices?: ListHidDevices;
  /** Opens a listed device; node-hid's `HIDAsync.open` by default. */
  openDevice?: OpenHidDevice;
  /** How often to look for keypads plugged in or out. */
  pollMs?: number;
  /** Clock for report arrival and debounce, in ms. */
  now?: () => number;
}

interface OpenKeypad {
  readonly info: HidDeviceInfo;
  readonly transport: HidTransport;
  readonly decoder: KeypadDecoder;
}

/**
 * Finds the keypads the keymap names, opens them, turns their reports into commands, and keeps
 * doing so across unplug and replug: a poll of the device list reopens a keypad when it comes
 * back (possibly under a new path), without a restart.
 */
export class KeypadWatcher extends EventEmitter<KeypadWatcherEvents> {
  readonly #keymap: Keymap;
  readonly #list: ListHidDevices;
  readonly #open: OpenHidDevice;
  readonly #pollMs: number;
  readonly #now: () => number;
  readonly #keypads = new Map<string, OpenKeypad>();
  /** Paths whose failure to open was already reported: one fault per plug-in, not per poll. */
  readonly #openFailed = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #scan: Promise<void> | undefined;
  #running = false;

  constructor(options: KeypadWatcherOptions = {}) {
    super();
    this.#keymap = options.keymap ?? DEFAULT_KEYMAP;
    this.#list = options.listDevices ?? listNodeHidDevices;
    this.#open = options.openDevice ?? openNodeHidDevice;
    this.#pollMs = options.pollMs ?? 1000;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Keypads open right now. */
  get devices(): HidDeviceInfo[] {
    return [...this.#keypads.values()].map((k) => k.info);
  }

  /** Opens the keypads present now, then keeps polling for changes. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    await this.scan();
    this.#timer = setInterval(() => void this.scan(), this.#pollMs);
    // The poll alone must not keep a process alive that has nothing else to do.
    this.#timer.unref();
  }

  /** Stops polling and closes every keypad. */
  async stop(): Promise<void> {
    this.#running = false;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#scan;
    const open = [...this.#keypads.values()];
    this.#keypads.clear();
    await Promise.all(open.map((k) => k.transport.close()));
  }

  /** One look at the device list now (the poll calls this; tests and the CLI may too). */
  scan(): Promise<void> {
    this.#scan ??= this.#doScan().finally(() => (this.#scan = undefined));
    return this.#scan;
  }

  async #doScan(): Promise<void> {
    let listed: readonly HidDeviceInfo[];
    try {
      listed = await this.#list();
    } catch (e) {
      this.#fault(new KeypadOpenError('(device list)', message(e)));
      return;
    }
    const wanted = listed.filter((d) => findProfile(this.#keymap, d) !== undefined);
    const paths = new Set(wanted.map((d) => d.path));
    for (const [path, keypad] of this.#keypads) {
      if (!paths.has(path)) this.#detach(keypad, new KeypadDisconnectedError(path, 'no longer listed'));
    }
    for (const path of this.#openFailed) if (!paths.has(path)) this.#openFailed.delete(path);
    for (const device of wanted) {
      if (!this.#running) return;
      if (!this.#keypads.has(device.path)) await this.#attach(device);
    }
  }

  async #attach(info: HidDeviceInfo): Promise<void> {
    const profile = findProfile(this.#keymap, info)!;
    let transport: HidTransport;
    try {
      transport = await this.#open(info);
    } catch (e) {
      if (!this.#openFailed.has(info.path)) {
        this.#openFailed.add(info.path);
        this.#fault(e instanceof KeypadOpenError ? e : new KeypadOpenError(info.path, message(e)));
      }
      return;
    }
    if (!this.#running) {
      await transport.close();
      return;
    }
    this.#openFailed.delete(info.path);
    const keypad: OpenKeypad = { info, transport, decoder: new KeypadDecoder(profile) };
    this.#keypads.set(info.path, keypad);
    transport.onReport((report) => this.#onReport(keypad, report));
    transport.onError((e) => this.#detach(keypad, new KeypadDisconnectedError(info.path, e.message)));
    this.#safely(() => this.emit('attached', info));
  }

  #onReport(keypad: OpenKeypad, report: Buffer): void {
    if (this.#keypads.get(keypad.info.path) !== keypad) return;
    const reportAt = this.#now();
    let presses: KeyPress[];
    try {
      presses = keypad.decoder.feed(report, reportAt);
    } catch (e) {
      this.#fault(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    for (const press of presses) {
      this.#safely(() => this.emit('key', { ...press, device: keypad.info }));
      const command = press.command;
      if (command === undefined) continue;
      this.#safely(() =>
        this.emit('command', {
          command,
          key: press.key,
          device: keypad.info,
          profile: keypad.decoder.profile.name,
          reportAt,
        }),
      );
    }
  }

  #detach(keypad: OpenKeypad, reason: Error): void {
    if (this.#keypads.get(keypad.info.path) !== keypad) return;
    this.#keypads.delete(keypad.info.path);
    void keypad.transport.close();
    this.#safely(() => this.emit('detached', keypad.info, reason));
  }

  /**
   * Runs a listener call. One that throws must not look like a device failure to node-hid
   * (which would stop reading) nor reach the process: it is reported and the next press counts.
   */
  #safely(emit: () => void): void {
    try {
      emit();
    } catch (e) {
      this.#fault(e instanceof Error ? e : new Error(String(e)));
    }
  }

  #fault(error: Error): void {
    try {
      if (this.listenerCount('fault') > 0) this.emit('fault', error);
    } catch {
      // A fault listener that throws has nobody left to tell.
    }
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
