import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './auth';

describe('staff passwords', () => {
  it('verify against their own hash only, each hash salted afresh', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery!', stored)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(stored);
    expect(await verifyPassword('anything', 'plain-text')).toBe(false);
  });

  it('are hashed off the event loop: it keeps turning while a login storm is hashed', async () => {
    const order: string[] = [];
    const storm = Promise.all(
      ['aysel', 'rauf', 'leyla', 'nigar'].map((login) => hashPassword(`${login}-password`)),
    ).then(() => order.push('hashed'));
    await new Promise((resolve) => setImmediate(resolve));
    order.push('loop turned');
    await storm;
    expect(order).toEqual(['loop turned', 'hashed']);
  });
});
