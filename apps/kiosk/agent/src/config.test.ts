import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskConfigError, loadKioskConfig, trackingUrl } from './config';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'novbe-kiosk-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SERVER = { NOVBE_KIOSK_SERVER_URL: 'http://10.0.0.2:8080' };

describe('kiosk configuration', () => {
  it('has defaults for everything but the server', () => {
    const c = loadKioskConfig({ env: SERVER });
    expect(c).toMatchObject({
      serverUrl: 'http://10.0.0.2:8080',
      kioskNumber: 1,
      onlineBudgetMs: 800,
      leaseSize: 50,
      cardReader: { type: 'none' },
      printer: {
        connection: { type: 'tcp', host: '127.0.0.1', port: 9100 },
        commandSet: 'epson',
        paperWidth: 80,
      },
    });
    expect(trackingUrl(c, '01ABC')).toBe('http://10.0.0.2:8080/t/01ABC');
  });

  it('layers file, then environment, then overrides', () => {
    const file = join(dir, 'kiosk.json');
    writeFileSync(
      file,
      JSON.stringify({
        serverUrl: 'http://file:8080',
        kioskName: 'Giriş 1',
        kioskNumber: 3,
        printer: { connection: { type: 'serial', path: '/dev/ttyUSB0' }, commandSet: 'star', paperWidth: 58 },
        cardReader: { type: 'hid', vendorId: 0x1234, productId: 0x5678 },
      }),
    );
    const c = loadKioskConfig({
      env: {
        NOVBE_KIOSK_CONFIG: file,
        NOVBE_KIOSK_NUMBER: '4',
        NOVBE_KIOSK_CARD_READER: '{"type":"serial","path":"/dev/ttyACM0"}',
        NOVBE_KIOSK_TRACKING_URL_BASE: 'https://asan.example/q/',
      },
      overrides: { onlineBudgetMs: 500 },
    });
    expect(c).toMatchObject({
      serverUrl: 'http://file:8080',
      kioskName: 'Giriş 1',
      kioskNumber: 4,
      onlineBudgetMs: 500,
      cardReader: { type: 'serial', path: '/dev/ttyACM0', baudRate: 9600 },
      printer: { connection: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 }, commandSet: 'star' },
    });
    expect(trackingUrl(c, 'X')).toBe('https://asan.example/q/X');
  });

  it('names the bad key and what was expected', () => {
    const bad = (env: Record<string, string>) => () => loadKioskConfig({ env: { ...SERVER, ...env } });
    expect(bad({ NOVBE_KIOSK_NUMBER: '100' })).toThrow(/kioskNumber: .*<=99/);
    expect(bad({ NOVBE_KIOSK_SERVER_URL: 'ftp://x' })).toThrow(/serverUrl/);
    expect(bad({ NOVBE_KIOSK_PRINTER: '{"connection":{"type":"tcp"}}' })).toThrow(
      /printer\.connection\.host/,
    );
    expect(bad({ NOVBE_KIOSK_PRINTER: 'tcp://x' })).toThrow(/printer: NOVBE_KIOSK_PRINTER must hold JSON/);
    expect(bad({ NOVBE_KIOSK_CARD_READER: '{"type":"usb"}' })).toThrow(/cardReader\.type/);
    expect(() => loadKioskConfig({ env: {} })).toThrow(/serverUrl/);
    expect(() => loadKioskConfig({ env: SERVER, overrides: { kioskNumbr: 2 } as never })).toThrow(
      /\(root\): .*\(kioskNumbr\)/,
    );
    expect(() => loadKioskConfig({ env: { NOVBE_KIOSK_CONFIG: join(dir, 'missing.json') } })).toThrow(
      KioskConfigError,
    );
  });
});
