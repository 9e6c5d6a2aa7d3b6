import { describe, expect, it } from 'vitest';
import { pairingCode } from './pairing-code';

describe('pairingCode', () => {
  it('reads --pair CODE and --pair=CODE among Electron’s own arguments', () => {
    expect(pairingCode(['/usr/bin/electron', '.', '--pair', 'K7-93QX'])).toBe('K7-93QX');
    expect(pairingCode(['/opt/kiosk', '--no-sandbox=0', '--pair=K7-93QX'])).toBe('K7-93QX');
    expect(pairingCode(['/opt/kiosk'])).toBeNull();
    expect(pairingCode(['/opt/kiosk', '--pair'])).toBeNull();
    expect(pairingCode(['/opt/kiosk', '--pair='])).toBeNull();
  });
});
