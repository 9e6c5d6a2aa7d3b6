import { describe, expect, it } from 'vitest';

import { crc16Modbus, hasValidCrc, withCrc } from './crc16-modbus';

describe('CRC-16/MODBUS', () => {
  it('gives the catalogue check value', () => {
    expect(crc16Modbus(Buffer.from('123456789'))).toBe(0x4b37);
  });

  it('signs frames low byte first, as in the Modbus specification examples', () => {
    expect(withCrc(Buffer.from('01030000000a', 'hex')).toString('hex')).toBe('01030000000ac5cd');
    expect(withCrc(Buffer.from('010600010003', 'hex')).toString('hex')).toBe('010600010003980b');
  });

  it('spots a damaged frame', () => {
    const frame = withCrc(Buffer.from('010600000042', 'hex'));
    expect(hasValidCrc(frame)).toBe(true);
    frame[4]! ^= 0x01;
    expect(hasValidCrc(frame)).toBe(false);
    expect(hasValidCrc(Buffer.of(1, 2))).toBe(false);
  });
});
