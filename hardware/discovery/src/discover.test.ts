import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { discoverDevices } from './discover';
import { listHidDevices, listSerialPortsFromSysfs, listUsbPrinters } from './listings';

describe('discoverDevices with realistic listings', () => {
  it('guesses each device and keeps one line per HID path', async () => {
    const report = await discoverDevices({
      // Shapes as serialport's SerialPort.list() returns them on Linux and Windows.
      listSerial: async () => [
        {
          path: '/dev/ttyACM0',
          manufacturer: 'EPSON',
          vendorId: '04b8',
          productId: '0e15',
          serialNumber: 'X5E',
        },
        {
          path: '/dev/ttyUSB0',
          manufacturer: 'FTDI',
          vendorId: '0403',
          productId: '6001',
          pnpId: 'usb-FTDI',
        },
        { path: 'COM4', manufacturer: 'wch.cn', vendorId: '1A86', productId: '7523' },
        { path: '/dev/ttyS0' },
      ],
      // node-hid lists a keypad twice: keyboard and consumer collections on one interface.
      listHid: async () => [
        { path: '/dev/hidraw0', vendorId: 0x1189, productId: 0x8890, usagePage: 1, usage: 6, interface: 0 },
        { path: '/dev/hidraw0', vendorId: 0x1189, productId: 0x8890, usagePage: 12, usage: 1, interface: 0 },
        {
          path: '/dev/hidraw1',
          vendorId: 0x0db5,
          productId: 0x0139,
          product: 'ATOM',
          usagePage: 1,
          usage: 6,
        },
      ],
      listUsbPrinters: async () => [{ path: '/dev/usb/lp0', vendorId: 0x0519, productId: 0x0003 }],
    });
    expect(report.problems).toEqual([]);
    expect(report.devices.map((d) => [d.path, d.kind, d.confidence])).toEqual([
      ['/dev/ttyACM0', 'receipt-printer', 'high'],
      ['/dev/ttyUSB0', 'serial-adapter', 'medium'],
      ['COM4', 'serial-adapter', 'medium'],
      ['/dev/ttyS0', 'serial-port', 'low'],
      ['/dev/hidraw0', 'keypad', 'high'],
      ['/dev/hidraw1', 'card-reader', 'high'],
      ['/dev/usb/lp0', 'receipt-printer', 'high'],
    ]);
    expect(report.devices[0]).toMatchObject({ vendorId: 0x04b8, productId: 0x0e15, serialNumber: 'X5E' });
  });

  it('reports a listing that fails and still shows the others', async () => {
    const report = await discoverDevices({
      listSerial: async () => {
        throw new Error('Error: spawn udevadm ENOENT');
      },
      listHid: async () => [{ path: '/dev/hidraw2', vendorId: 0x1189, productId: 0x8890 }],
      listUsbPrinters: async () => [],
    });
    expect(report.problems).toEqual([{ source: 'serial', message: 'Error: spawn udevadm ENOENT' }]);
    expect(report.devices.map((d) => d.kind)).toEqual(['keypad']);
  });
});

describe('sysfs listings (a fake /sys tree, as the kernel lays it out)', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
    root = undefined;
  });

  async function file(path: string, text: string) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${text}\n`);
  }
  async function link(path: string, target: string) {
    await mkdir(dirname(path), { recursive: true });
    await mkdir(target, { recursive: true });
    await symlink(target, path);
  }

  it('finds USB serial adapters with their ids, real UARTs, and USB printers', async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'novbe-sysfs-')));
    const sys = join(root, 'sys');
    const usbDev = join(sys, 'devices/pci0000:00/0000:00:14.0/usb1/1-2');
    await file(join(usbDev, 'idVendor'), '1a86');
    await file(join(usbDev, 'idProduct'), '7523');
    await file(join(usbDev, 'product'), 'USB Serial');
    await link(join(sys, 'class/tty/ttyUSB0/device'), join(usbDev, '1-2:1.0/ttyUSB0'));
    await link(join(sys, 'class/tty/ttyS0/device'), join(sys, 'devices/pnp0/00:00'));
    await file(join(sys, 'class/tty/ttyS0/type'), '4');
    await link(join(sys, 'class/tty/ttyS1/device'), join(sys, 'devices/platform/serial8250/tty/ttyS1'));
    await file(join(sys, 'class/tty/ttyS1/type'), '0'); // no UART behind it
    await mkdir(join(sys, 'class/tty/tty0'), { recursive: true });
    await mkdir(join(sys, 'class/tty/ptmx'), { recursive: true });
    const printerDev = join(sys, 'devices/pci0000:00/0000:00:14.0/usb1/1-3');
    await file(join(printerDev, 'idVendor'), '04b8');
    await file(join(printerDev, 'idProduct'), '0e15');
    await file(join(printerDev, 'manufacturer'), 'EPSON');
    await link(join(sys, 'class/usbmisc/lp0/device'), join(printerDev, '1-3:1.0'));

    expect(await listSerialPortsFromSysfs(sys, '/dev')).toEqual([
      {
        path: '/dev/ttyS0',
        vendorId: undefined,
        productId: undefined,
        manufacturer: undefined,
        serialNumber: undefined,
      },
      {
        path: '/dev/ttyUSB0',
        vendorId: '1a86',
        productId: '7523',
        manufacturer: undefined,
        serialNumber: undefined,
      },
    ]);
    expect(await listUsbPrinters(sys, '/dev')).toEqual([
      {
        path: '/dev/usb/lp0',
        vendorId: 0x04b8,
        productId: 0x0e15,
        manufacturer: 'EPSON',
        product: undefined,
      },
    ]);
    expect(await listSerialPortsFromSysfs(join(root, 'nowhere'))).toEqual([]);
  });
});

describe('on this machine, with the real listings', () => {
  let socat: ChildProcess | undefined;
  afterEach(async () => {
    if (socat && socat.exitCode === null) {
      const exited = once(socat, 'exit');
      socat.kill();
      await exited;
    }
    socat = undefined;
  });

  it('lists without crashing; virtual ptys are not serial ports', async () => {
    // A live socat pty pair while we list: it must not pass for a port with a device behind it.
    const pair = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    socat = pair;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socat not ready: ${log}`)), 5000);
      pair.stderr.on('data', (c: Buffer) => {
        log += c.toString();
        if (log.includes('starting data transfer loop')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(log).toMatch(/PTY is \/dev\/pts\/\d+/);
    const report = await discoverDevices();
    expect(Array.isArray(report.devices)).toBe(true);
    for (const d of report.devices) {
      expect(d.path).not.toMatch(/^\/dev\/pts\//);
      expect(d.reason.length).toBeGreaterThan(0);
    }
    for (const p of report.problems) expect(typeof p.message).toBe('string');
    expect(Array.isArray(await listHidDevices())).toBe(true);
  });
});
