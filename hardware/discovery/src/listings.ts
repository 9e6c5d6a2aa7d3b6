import { readdir, readFile, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A serial port as listed, in the shape serialport's `SerialPort.list()` gives (hex ids). */
export interface SerialPortListing {
  readonly path: string;
  readonly manufacturer?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly pnpId?: string | undefined;
  /** Hex without "0x", as serialport reports it ("0403"); case varies by platform. */
  readonly vendorId?: string | undefined;
  readonly productId?: string | undefined;
}

/** A HID device as listed, in node-hid's `devices()` shape. */
export interface HidListing {
  readonly path?: string | undefined;
  readonly vendorId: number;
  readonly productId: number;
  readonly manufacturer?: string | undefined;
  readonly product?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly interface?: number | undefined;
  readonly usagePage?: number | undefined;
  readonly usage?: number | undefined;
}

/** A USB printer-class device file (/dev/usb/lp0), which the printer driver can write to. */
export interface UsbPrinterListing {
  readonly path: string;
  readonly vendorId?: number | undefined;
  readonly productId?: number | undefined;
  readonly manufacturer?: string | undefined;
  readonly product?: string | undefined;
}

/**
 * serialport's own list, falling back to sysfs when it fails: on Linux it runs `udevadm`,
 * which containers and minimal images often lack.
 */
export async function listSerialPorts(): Promise<SerialPortListing[]> {
  const { SerialPort } = await import('serialport');
  try {
    return await SerialPort.list();
  } catch (e) {
    if (process.platform !== 'linux') throw e;
    return listSerialPortsFromSysfs();
  }
}

/** node-hid's list (loaded on use: the native module is only needed when HID is asked for). */
export async function listHidDevices(): Promise<HidListing[]> {
  const hid = await import('node-hid');
  return hid.devicesAsync();
}

// Names serialport's Linux lister accepts, plus the USB ones we care most about.
const SERIAL_NAME = /^tty(S|WCH|ACM|USB|AMA|MFD|O|XRUSB)\d+$|^rfcomm\d+$/;

/**
 * Serial ports from /sys/class/tty: USB adapters with their ids from the USB device above them,
 * and on-board UARTs that really exist (`type` 0 means no UART behind the name).
 */
export async function listSerialPortsFromSysfs(
  sysRoot = '/sys',
  devRoot = '/dev',
): Promise<SerialPortListing[]> {
  const classDir = join(sysRoot, 'class/tty');
  let names: string[];
  try {
    names = await readdir(classDir);
  } catch {
    return [];
  }
  const ports: SerialPortListing[] = [];
  for (const name of names.filter((n) => SERIAL_NAME.test(n)).sort()) {
    const deviceDir = await realpath(join(classDir, name, 'device')).catch(() => undefined);
    if (deviceDir === undefined) continue; // virtual tty, no hardware behind it
    if (/^ttyS\d+$/.test(name) && (await readText(join(classDir, name, 'type'))) === '0') continue;
    const usb = await findUsbDevice(deviceDir, sysRoot);
    ports.push({
      path: join(devRoot, name),
      vendorId: usb?.vendorId,
      productId: usb?.productId,
      manufacturer: usb?.manufacturer,
      serialNumber: usb?.serial,
    });
  }
  return ports;
}

/** /dev/usb/lp* with ids from sysfs (class usbmisc). */
export async function listUsbPrinters(sysRoot = '/sys', devRoot = '/dev'): Promise<UsbPrinterListing[]> {
  const classDir = join(sysRoot, 'class/usbmisc');
  let names: string[];
  try {
    names = await readdir(classDir);
  } catch {
    return [];
  }
  const printers: UsbPrinterListing[] = [];
  for (const name of names.filter((n) => /^lp\d+$/.test(n)).sort()) {
    const deviceDir = await realpath(join(classDir, name, 'device')).catch(() => undefined);
    const usb = deviceDir === undefined ? undefined : await findUsbDevice(deviceDir, sysRoot);
    printers.push({
      path: join(devRoot, 'usb', name),
      vendorId: usb ? parseInt(usb.vendorId, 16) : undefined,
      productId: usb ? parseInt(usb.productId, 16) : undefined,
      manufacturer: usb?.manufacturer,
      product: usb?.product,
    });
  }
  return printers;
}

interface UsbIds {
  vendorId: string;
  productId: string;
  manufacturer?: string | undefined;
  product?: string | undefined;
  serial?: string | undefined;
}

/** Walks up from an interface to the USB device that holds idVendor/idProduct. */
async function findUsbDevice(start: string, sysRoot: string): Promise<UsbIds | undefined> {
  for (let dir = start; dir.startsWith(sysRoot) && dir !== dirname(dir); dir = dirname(dir)) {
    const vendorId = await readText(join(dir, 'idVendor'));
    if (vendorId === undefined) continue;
    return {
      vendorId,
      productId: (await readText(join(dir, 'idProduct'))) ?? '0000',
      manufacturer: await readText(join(dir, 'manufacturer')),
      product: await readText(join(dir, 'product')),
      serial: await readText(join(dir, 'serial')),
    };
  }
  return undefined;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return undefined;
  }
}
