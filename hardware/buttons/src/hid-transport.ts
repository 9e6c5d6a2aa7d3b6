import type * as NodeHid from 'node-hid';
import type { Device, HIDAsync } from 'node-hid';

import { KeypadOpenError } from './errors';

/** A HID device as listed: what the watcher matches a keymap profile against. */
export interface HidDeviceInfo {
  /** Stable only while plugged in: /dev/hidraw3 on Linux, a registry path elsewhere. */
  readonly path: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly product?: string | undefined;
  readonly manufacturer?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly interface?: number | undefined;
  readonly usagePage?: number | undefined;
  readonly usage?: number | undefined;
}

/**
 * An open keypad, reduced to what the driver needs: its input reports, its failure, closing it.
 * This is the seam between node-hid (no /dev/uhid here, so untestable without a device) and
 * everything above it, which the tests drive with the exact bytes a keypad sends.
 */
export interface HidTransport {
  readonly path: string;
  onReport(listener: (report: Buffer) => void): void;
  /** A read failed: on unplug, node-hid reports "could not read from HID device". */
  onError(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

export type ListHidDevices = () => Promise<readonly HidDeviceInfo[]> | readonly HidDeviceInfo[];
export type OpenHidDevice = (device: HidDeviceInfo) => Promise<HidTransport>;

// node-hid is loaded on first use: importing this package must work on a machine without
// libusb/hidraw (a server, CI), and only listing or opening a keypad needs the native module.
let nodeHid: Promise<typeof NodeHid> | undefined;
function loadNodeHid() {
  nodeHid ??= import('node-hid');
  return nodeHid;
}

function toInfo(d: Device): HidDeviceInfo | undefined {
  if (d.path === undefined) return undefined;
  return {
    path: d.path,
    vendorId: d.vendorId,
    productId: d.productId,
    product: d.product,
    manufacturer: d.manufacturer,
    serialNumber: d.serialNumber,
    interface: d.interface,
    usagePage: d.usagePage,
    usage: d.usage,
  };
}

/** node-hid's real device list (every interface and top-level collection; deduplicated by path). */
export async function listNodeHidDevices(): Promise<HidDeviceInfo[]> {
  const hid = await loadNodeHid();
  const seen = new Set<string>();
  const out: HidDeviceInfo[] = [];
  for (const d of await hid.devicesAsync()) {
    const info = toInfo(d);
    if (!info || seen.has(info.path)) continue;
    seen.add(info.path);
    out.push(info);
  }
  return out;
}

/** Opens a keypad with node-hid (HIDAsync: reads on a native thread, never blocks the loop). */
export async function openNodeHidDevice(device: HidDeviceInfo): Promise<HidTransport> {
  const hid = await loadNodeHid();
  let handle: HIDAsync;
  try {
    // nonExclusive: on macOS the OS keyboard driver holds keyboards; we only listen.
    handle = await hid.HIDAsync.open(device.path, { nonExclusive: true });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new KeypadOpenError(
      device.path,
      // Linux: /dev/hidraw* is root-only unless a udev rule grants the agent's user access.
      /permission|access/i.test(reason) ? `${reason} (needs a udev rule for /dev/hidraw*)` : reason,
    );
  }
  return {
    path: device.path,
    onReport: (listener) => void handle.on('data', listener),
    onError: (listener) =>
      void handle.on('error', (e: unknown) => listener(e instanceof Error ? e : new Error(String(e)))),
    close: async () => {
      try {
        await handle.close();
      } catch {
        // Closing a device that is already gone fails; it is closed either way.
      }
    },
  };
}
