import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';

import { KeypadOpenError } from './errors';
import { encodeConsumerReport, encodeKeyboardReport } from './hid-report';
import type { HidDeviceInfo, HidTransport } from './hid-transport';
import { CONSUMER_PAGE, type KeyChord, Modifier, parseKeyChord, usageId, usagePage } from './hid-usage';
import { encodeFrame, MAX_REPORT_LENGTH } from './tcp-hid';

export interface KeypadEmulatorOptions {
  vendorId?: number;
  productId?: number;
  path?: string;
  product?: string;
  interface?: number;
  /** Report id before each keyboard report; null (default) for the plain 8-byte boot report. */
  reportId?: number | null;
  /** Report id of consumer-control reports; null for plain 2-byte ones. Default: none. */
  consumerReportId?: number | null;
}

/** What node-hid says when the device under a read goes away. */
const UNPLUGGED = 'could not read from HID device';

/**
 * A USB call-next keypad that produces the exact input reports a real one sends: boot keyboard
 * reports (8 bytes, or 9 with a report id) and consumer-control reports. It can be handed to
 * `KeypadWatcher` in-process (`listDevices`/`openDevice`), or served over TCP (`listen`) to a
 * watcher in another process. Delivery is asynchronous and in order, as from a real device.
 */
export class KeypadEmulator extends EventEmitter<{ report: [Buffer] }> {
  readonly #options: Required<Omit<KeypadEmulatorOptions, 'interface'>> & { interface?: number };
  #info: HidDeviceInfo;
  #plugged = true;
  #transports = new Set<EmulatedTransport>();
  /** Keyboard keys held (usage ids on page 7) and the modifier byte, as the next report says. */
  #held: number[] = [];
  #modifiers = 0;
  #server: Server | undefined;
  #port: number | undefined;
  #host = '127.0.0.1';
  #sockets = new Set<Socket>();

  constructor(options: KeypadEmulatorOptions = {}) {
    super();
    this.#options = {
      vendorId: options.vendorId ?? 0x1189,
      productId: options.productId ?? 0x8890,
      path: options.path ?? 'emulator://keypad/0',
      product: options.product ?? 'Növbə keypad emulator',
      reportId: options.reportId ?? null,
      consumerReportId: options.consumerReportId ?? null,
      ...(options.interface === undefined ? {} : { interface: options.interface }),
    };
    this.#info = this.#makeInfo(this.#options.path);
  }

  get info(): HidDeviceInfo {
    return this.#info;
  }

  get plugged(): boolean {
    return this.#plugged;
  }

  /** The device list a watcher sees: this keypad while plugged in, nothing otherwise. */
  readonly listDevices = (): HidDeviceInfo[] => (this.#plugged ? [this.#info] : []);

  /** Opens the keypad as node-hid would; fails when unplugged or asked for another path. */
  readonly openDevice = async (device: HidDeviceInfo): Promise<HidTransport> => {
    if (!this.#plugged || device.path !== this.#info.path)
      throw new KeypadOpenError(device.path, 'no such device');
    const transport = new EmulatedTransport(device.path, (t) => this.#transports.delete(t));
    this.#transports.add(transport);
    return transport;
  };

  /** A short press: key down, then key up. Returns the reports sent. */
  press(key: string): Buffer[] {
    return [this.hold(key), this.release(key)];
  }

  /** Key down (added to whatever is held). */
  hold(key: string): Buffer {
    const chord = parseKeyChord(key);
    if (usagePage(chord.usage) === CONSUMER_PAGE)
      return this.send(encodeConsumerReport(usageId(chord.usage), this.#options.consumerReportId));
    this.#modifiers |= modifierByte(chord);
    const id = usageId(chord.usage);
    if (!this.#held.includes(id)) this.#held.push(id);
    return this.#sendKeyboard();
  }

  /** Key up; every key (and modifier) when `key` is omitted. */
  release(key?: string): Buffer {
    if (key === undefined) {
      this.#held = [];
      this.#modifiers = 0;
      return this.#sendKeyboard();
    }
    const chord = parseKeyChord(key);
    if (usagePage(chord.usage) === CONSUMER_PAGE)
      return this.send(encodeConsumerReport(0, this.#options.consumerReportId));
    this.#held = this.#held.filter((k) => k !== usageId(chord.usage));
    this.#modifiers &= ~modifierByte(chord);
    return this.#sendKeyboard();
  }

  /** Sends the current report again, as some keypads do while a key is held. */
  repeat(times = 1): Buffer[] {
    return Array.from({ length: times }, () => this.#sendKeyboard());
  }

  /** A worn contact: the key goes down, then bounces up and down `bounces` times, then up. */
  chatter(key: string, bounces = 3): Buffer[] {
    const sent = [this.hold(key)];
    for (let i = 0; i < bounces; i++) sent.push(this.release(key), this.hold(key));
    sent.push(this.release(key));
    return sent;
  }

  /** Sends raw bytes as an input report (garbage, truncated reports, other report ids). */
  send(report: Uint8Array): Buffer {
    const bytes = Buffer.from(report);
    if (!this.#plugged) return bytes;
    for (const t of this.#transports) t.deliver(bytes);
    this.emit('report', bytes);
    // No USB report is empty or over 64 bytes, so no frame can carry one: TCP clients miss it.
    if (bytes.length >= 1 && bytes.length <= MAX_REPORT_LENGTH) this.sendWire(encodeFrame(bytes));
    return bytes;
  }

  /** Writes raw bytes to TCP clients, frames or not: a corrupted link. */
  sendWire(bytes: Uint8Array): void {
    for (const s of this.#sockets) s.write(bytes);
  }

  /** Pulls the cable: open handles fail their read, the device leaves the list, TCP stops. */
  async unplug(): Promise<void> {
    this.#plugged = false;
    this.#held = [];
    this.#modifiers = 0;
    for (const t of this.#transports) t.fail(new Error(UNPLUGGED));
    this.#transports.clear();
    await this.#stopServer();
  }

  /** Plugs it back in, under a new path if given (hidraw numbers change on replug). */
  async replug(options: { path?: string } = {}): Promise<void> {
    if (options.path !== undefined) this.#info = this.#makeInfo(options.path);
    this.#plugged = true;
    if (this.#port !== undefined) await this.#startServer(this.#port, this.#host);
  }

  /** Serves the reports over TCP (see tcp-hid.ts); port 0 picks a free one. */
  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    this.#host = host;
    await this.#startServer(port, host);
    return this.#port!;
  }

  /** Closes everything: open handles, TCP server and clients. */
  async close(): Promise<void> {
    for (const t of this.#transports) t.fail(new Error(UNPLUGGED));
    this.#transports.clear();
    await this.#stopServer(true);
    this.#port = undefined;
  }

  #sendKeyboard(): Buffer {
    return this.send(encodeKeyboardReport(this.#held, this.#modifiers, this.#options.reportId));
  }

  #makeInfo(path: string): HidDeviceInfo {
    return {
      path,
      vendorId: this.#options.vendorId,
      productId: this.#options.productId,
      product: this.#options.product,
      manufacturer: 'Növbə',
      interface: this.#options.interface,
      usagePage: 0x01,
      usage: 0x06,
    };
  }

  #startServer(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => {
        socket.setNoDelay(true);
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      });
      server.once('error', reject);
      server.listen(port, host, () => {
        server.removeListener('error', reject);
        this.#server = server;
        this.#port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  /** Unplug cuts connections at once; a graceful close lets reports already written arrive. */
  #stopServer(graceful = false): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const s of this.#sockets) {
      if (graceful) s.end();
      else s.destroy();
    }
    this.#sockets.clear();
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}

function modifierByte(chord: KeyChord): number {
  let byte = 0;
  if (chord.modifiers & Modifier.Ctrl) byte |= 0x01;
  if (chord.modifiers & Modifier.Shift) byte |= 0x02;
  if (chord.modifiers & Modifier.Alt) byte |= 0x04;
  if (chord.modifiers & Modifier.Meta) byte |= 0x08;
  return byte;
}

/** One open handle on the emulated keypad. */
class EmulatedTransport implements HidTransport {
  #reportListeners: ((r: Buffer) => void)[] = [];
  #errorListeners: ((e: Error) => void)[] = [];
  #closed = false;

  constructor(
    readonly path: string,
    private readonly onClose: (t: EmulatedTransport) => void,
  ) {}

  onReport(listener: (report: Buffer) => void): void {
    this.#reportListeners.push(listener);
  }

  onError(listener: (error: Error) => void): void {
    this.#errorListeners.push(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.onClose(this);
  }

  deliver(report: Buffer): void {
    // setImmediate keeps order and makes arrival asynchronous, as node-hid's read thread does.
    setImmediate(() => {
      if (this.#closed) return;
      for (const l of this.#reportListeners) l(report);
    });
  }

  fail(error: Error): void {
    setImmediate(() => {
      if (this.#closed) return;
      this.#closed = true;
      for (const l of this.#errorListeners) l(error);
    });
  }
}
