import { type DeviceFacts, type Guess, guessDevice } from './device-guess';
import {
  type HidListing,
  listHidDevices,
  listSerialPorts,
  listUsbPrinters,
  type SerialPortListing,
  type UsbPrinterListing,
} from './listings';

export interface DiscoveredDevice extends DeviceFacts, Guess {
  readonly serialNumber?: string | undefined;
}

/** A listing that failed; the others still count. */
export interface DiscoveryProblem {
  readonly source: 'serial' | 'hid' | 'usb-printer';
  readonly message: string;
}

export interface DiscoveryReport {
  readonly devices: readonly DiscoveredDevice[];
  readonly problems: readonly DiscoveryProblem[];
}

export interface DiscoverOptions {
  listSerial?: () => Promise<readonly SerialPortListing[]>;
  listHid?: () => Promise<readonly HidListing[]>;
  listUsbPrinters?: () => Promise<readonly UsbPrinterListing[]>;
}

/**
 * Lists serial ports, HID devices and USB printer device files, and guesses what each one is.
 * A listing that fails (no udevadm, no hidraw, no libusb) becomes a problem in the report,
 * never an exception: the installer still sees everything else.
 */
export async function discoverDevices(options: DiscoverOptions = {}): Promise<DiscoveryReport> {
  const problems: DiscoveryProblem[] = [];
  const attempt = async <T>(source: DiscoveryProblem['source'], list: () => Promise<readonly T[]>) => {
    try {
      return await list();
    } catch (e) {
      problems.push({ source, message: e instanceof Error ? e.message : String(e) });
      return [];
    }
  };
  const [serial, hid, printers] = await Promise.all([
    attempt('serial', options.listSerial ?? listSerialPorts),
    attempt('hid', options.listHid ?? listHidDevices),
    attempt('usb-printer', options.listUsbPrinters ?? (() => listUsbPrinters())),
  ]);

  const devices: DiscoveredDevice[] = [];
  for (const p of serial) {
    const facts: DeviceFacts = {
      transport: 'serial',
      path: p.path,
      vendorId: hexId(p.vendorId),
      productId: hexId(p.productId),
      manufacturer: p.manufacturer,
    };
    devices.push({ ...facts, ...guessDevice(facts), serialNumber: p.serialNumber });
  }
  // node-hid lists one entry per top-level collection; one line per path is enough.
  const seen = new Set<string>();
  for (const h of hid) {
    const path = h.path ?? `hid:${hex(h.vendorId)}:${hex(h.productId)}:${h.interface ?? 0}`;
    if (seen.has(path)) continue;
    seen.add(path);
    const facts: DeviceFacts = {
      transport: 'hid',
      path,
      vendorId: h.vendorId,
      productId: h.productId,
      manufacturer: h.manufacturer,
      product: h.product,
      usagePage: h.usagePage,
      usage: h.usage,
    };
    devices.push({ ...facts, ...guessDevice(facts), serialNumber: h.serialNumber });
  }
  for (const p of printers) {
    const facts: DeviceFacts = { transport: 'usb-printer', ...p };
    devices.push({ ...facts, ...guessDevice(facts) });
  }
  return { devices, problems };
}

/** serialport's "0403", "0x0403" or "0403" in capitals → 0x0403; junk → undefined. */
function hexId(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(?:0x)?([0-9a-f]{1,4})$/i.exec(text.trim());
  return m ? parseInt(m[1]!, 16) : undefined;
}

function hex(n: number): string {
  return n.toString(16).padStart(4, '0');
}
