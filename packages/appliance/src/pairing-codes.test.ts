import { describe, expect, it } from 'vitest';
import { pairingCode, pairingCodes } from './pairing-codes';

describe('pairingCode', () => {
  it('reads --pair CODE and --pair=CODE among Electron’s own arguments', () => {
    expect(pairingCode(['/usr/bin/electron', '.', '--pair', 'K7-93QX'])).toBe('K7-93QX');
    expect(pairingCode(['/opt/kiosk', '--no-sandbox=0', '--pair=K7-93QX'])).toBe('K7-93QX');
    expect(pairingCode(['/opt/kiosk'])).toBeNull();
    expect(pairingCode(['/opt/kiosk', '--pair'])).toBeNull();
    expect(pairingCode(['/opt/kiosk', '--pair='])).toBeNull();
  });
});

describe('pairingCodes', () => {
  it('reads every --pair, in order, and drops empty ones', () => {
    expect(
      pairingCodes(['/opt/display', '--pair', '11111111', '--pair=22222222', '--pair', ' 33333333 ']),
    ).toEqual(['11111111', '22222222', '33333333']);
    expect(pairingCodes(['/opt/display', '--pair=', '--pair'])).toEqual([]);
    expect(pairingCodes(['/opt/display', '--paired', 'x'])).toEqual([]);
  });
});
