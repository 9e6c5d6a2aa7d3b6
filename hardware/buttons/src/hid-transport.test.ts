import { describe, expect, it } from 'vitest';

import { KeypadOpenError } from './errors';
import { listNodeHidDevices, openNodeHidDevice } from './hid-transport';

// The real node-hid adapter on this machine: no keypad is attached, so the list holds none of
// ours and opening a made-up path fails with a named error instead of crashing.
describe('node-hid adapter', () => {
  it('lists devices without crashing', async () => {
    const devices = await listNodeHidDevices();
    expect(Array.isArray(devices)).toBe(true);
    for (const d of devices) expect(typeof d.path).toBe('string');
  });

  it('fails to open a missing device with KeypadOpenError', async () => {
    await expect(
      openNodeHidDevice({ path: '/dev/hidraw-novbe-missing', vendorId: 0x1189, productId: 0x8890 }),
    ).rejects.toBeInstanceOf(KeypadOpenError);
  });
});
