import { describe, expect, it } from 'vitest';

import { type DeviceFacts, guessDevice } from './device-guess';

const serial = (path: string, vendorId?: number, productId?: number, manufacturer?: string): DeviceFacts => ({
  transport: 'serial',
  path,
  vendorId,
  productId,
  manufacturer,
});
const hid = (vendorId: number, productId: number, more: Partial<DeviceFacts> = {}): DeviceFacts => ({
  transport: 'hid',
  path: `/dev/hidraw${vendorId % 7}`,
  vendorId,
  productId,
  ...more,
});

describe('guessDevice', () => {
  it('knows receipt printers by their makers’ ids', () => {
    expect(guessDevice(serial('/dev/ttyACM0', 0x04b8, 0x0e15, 'EPSON'))).toMatchObject({
      kind: 'receipt-printer',
      confidence: 'high',
      reason: 'USB id 04b8:0e15 is Epson',
    });
    expect(
      guessDevice({ transport: 'usb-printer', path: '/dev/usb/lp0', vendorId: 0x0519, productId: 3 }).kind,
    ).toBe('receipt-printer');
    expect(guessDevice(serial('/dev/ttyACM1', 0x1504, 0x0006)).reason).toMatch(/Bixolon/);
  });

  it('trusts a chip maker’s id for a printer more when the device names itself so', () => {
    expect(
      guessDevice({ ...serial('/dev/ttyACM0', 0x0416, 0x5011), product: 'POS80 Printer' }),
    ).toMatchObject({
      kind: 'receipt-printer',
      confidence: 'high',
    });
    expect(guessDevice(serial('/dev/ttyACM0', 0x0416, 0x5011)).confidence).toBe('medium');
  });

  it('calls USB serial chips "serial adapter: LED board bus or card reader"', () => {
    for (const [vid, pid, maker] of [
      [0x0403, 0x6001, 'FTDI'],
      [0x1a86, 0x7523, '1a86'],
      [0x067b, 0x2303, 'Prolific Technology Inc.'],
      [0x10c4, 0xea60, 'Silicon Labs'],
    ] as const) {
      const g = guessDevice(serial('/dev/ttyUSB0', vid, pid, maker));
      expect(g.kind).toBe('serial-adapter');
      expect(g.description).toBe('serial adapter: LED board bus or card reader');
    }
  });

  it('believes the name over a chip id when they disagree (a CH340 inside a printer)', () => {
    expect(guessDevice(serial('/dev/ttyUSB1', 0x1a86, 0x7523, 'POS58 Thermal Printer'))).toMatchObject({
      kind: 'receipt-printer',
      confidence: 'medium',
    });
  });

  it('finds document readers and keypads among HID devices', () => {
    expect(guessDevice(hid(0x0db5, 0x0139, { product: 'ATOM' }))).toMatchObject({
      kind: 'card-reader',
      confidence: 'high',
    });
    expect(guessDevice(hid(0x1189, 0x8890, { usagePage: 1, usage: 6 }))).toMatchObject({
      kind: 'keypad',
      confidence: 'high',
    });
    expect(guessDevice(hid(0x3553, 0xb001, { product: 'FootSwitch' }))).toMatchObject({
      kind: 'keypad',
      confidence: 'medium',
    });
    expect(guessDevice(hid(0x1234, 0x0001, { product: 'MRZ Passport Reader' })).kind).toBe('card-reader');
  });

  it('says "low" when it only has the device class to go by', () => {
    expect(
      guessDevice(hid(0x046d, 0xc31c, { usagePage: 1, usage: 6, product: 'USB Keyboard' })),
    ).toMatchObject({
      kind: 'keyboard',
      confidence: 'low',
    });
    expect(
      guessDevice(hid(0x046d, 0xc077, { usagePage: 1, usage: 2, product: 'USB Optical Mouse' })).kind,
    ).toBe('unknown');
    // An Epson HID device is not a printer: printers are never HID.
    expect(guessDevice(hid(0x04b8, 0x0202, { usagePage: 0xff00 })).kind).toBe('unknown');
    expect(guessDevice(serial('/dev/ttyS0'))).toMatchObject({ kind: 'serial-port', confidence: 'low' });
    expect(guessDevice(serial('/dev/ttyUSB3', 0xabcd, 0x0001))).toMatchObject({ kind: 'serial-adapter' });
    expect(guessDevice(serial('/dev/rfcomm0')).kind).toBe('unknown');
  });
});
