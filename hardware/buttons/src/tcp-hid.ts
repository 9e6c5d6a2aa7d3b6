import { connect, type Socket } from 'node:net';

import { KeypadOpenError, MalformedReportError } from './errors';
import type { HidDeviceInfo, HidTransport, ListHidDevices, OpenHidDevice } from './hid-transport';

/**
 * HID reports over TCP, for the emulator in another process (the demo center, the CLI): each
 * report is one frame, a length byte then the report's bytes exactly as node-hid would hand them
 * over. A stand-in for /dev/uhid, which this kind of machine lacks; the report bytes are the same.
 */
export const MAX_REPORT_LENGTH = 64; // a full-speed USB interrupt packet

export function encodeFrame(report: Uint8Array): Buffer {
  if (report.length === 0 || report.length > MAX_REPORT_LENGTH)
    throw new MalformedReportError(report, `report length must be 1..${MAX_REPORT_LENGTH}`);
  return Buffer.concat([Buffer.of(report.length), report]);
}

/** Reassembles frames from a TCP stream that splits and joins them as it likes. */
export class FrameDecoder {
  #buffer: Buffer = Buffer.alloc(0);

  /** Returns the complete reports; throws `MalformedReportError` on an impossible length byte. */
  push(chunk: Buffer): Buffer[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const reports: Buffer[] = [];
    while (this.#buffer.length > 0) {
      const length = this.#buffer[0]!;
      if (length === 0 || length > MAX_REPORT_LENGTH) {
        const bad = this.#buffer;
        this.#buffer = Buffer.alloc(0);
        throw new MalformedReportError(bad.subarray(0, 16), `frame length ${length} out of 1..64`);
      }
      if (this.#buffer.length < 1 + length) break;
      reports.push(Buffer.from(this.#buffer.subarray(1, 1 + length)));
      this.#buffer = this.#buffer.subarray(1 + length);
    }
    return reports;
  }
}

export interface TcpKeypadOptions {
  host?: string;
  port: number;
  vendorId: number;
  productId: number;
  connectTimeoutMs?: number;
}

/**
 * A keypad served over TCP, as a device list and an opener for `KeypadWatcher`. It is always
 * "listed"; while the far end is unplugged the open fails and the watcher retries at each poll.
 */
export function tcpKeypad(options: TcpKeypadOptions): {
  info: HidDeviceInfo;
  listDevices: ListHidDevices;
  openDevice: OpenHidDevice;
} {
  const host = options.host ?? '127.0.0.1';
  const info: HidDeviceInfo = {
    path: `tcp://${host}:${options.port}`,
    vendorId: options.vendorId,
    productId: options.productId,
    product: 'keypad over TCP',
  };
  return {
    info,
    listDevices: () => [info],
    openDevice: (device) => openTcpHid(device.path, host, options.port, options.connectTimeoutMs ?? 1000),
  };
}

function openTcpHid(path: string, host: string, port: number, timeoutMs: number): Promise<HidTransport> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new KeypadOpenError(path, `no connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(new KeypadOpenError(path, e.message));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socketTransport(path, socket));
    });
  });
}

function socketTransport(path: string, socket: Socket): HidTransport {
  const decoder = new FrameDecoder();
  const reportListeners: ((r: Buffer) => void)[] = [];
  const errorListeners: ((e: Error) => void)[] = [];
  let failed = false;
  const fail = (e: Error) => {
    if (failed) return;
    failed = true;
    socket.destroy();
    for (const l of errorListeners) l(e);
  };
  socket.on('data', (chunk: Buffer) => {
    let reports: Buffer[];
    try {
      reports = decoder.push(chunk);
    } catch (e) {
      // A broken frame leaves no way to find the next one: drop the link, the watcher reconnects.
      fail(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    for (const r of reports) for (const l of reportListeners) l(r);
  });
  socket.on('error', (e) => fail(e));
  socket.on('close', () => fail(new Error('could not read from HID device (connection closed)')));
  return {
    path,
    onReport: (l) => void reportListeners.push(l),
    onError: (l) => void errorListeners.push(l),
    close: async () => {
      failed = true;
      socket.destroy();
    },
  };
}
