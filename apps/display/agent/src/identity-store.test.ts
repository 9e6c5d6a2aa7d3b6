import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IdentityStore } from './identity-store';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const device = (token: string) => ({
  deviceId: `d-${token}`,
  name: 'n',
  token,
  serverUrl: 'http://s',
  pairedAt: 1,
});

describe('identity store', () => {
  it('keeps the display token and one token per counter, owner-only, across restarts', () => {
    dir = mkdtempSync(join(tmpdir(), 'novbe-display-identity-'));
    const store = new IdentityStore(dir, () => expect.fail('not damaged'));
    expect(store.display).toBeNull();
    store.saveDisplay({ ...device('disp'), hallIds: ['hall-1'] });
    store.saveCounter('counter-2', device('c2'));
    store.saveCounter('counter-1', device('c1'));
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    const again = new IdentityStore(dir, () => expect.fail('not damaged'));
    expect(again.display).toMatchObject({ token: 'disp', hallIds: ['hall-1'] });
    expect(again.counterIds).toEqual(['counter-1', 'counter-2']);
    expect(again.counter('counter-1')?.token).toBe('c1');
    expect(again.counter('counter-3')).toBeNull();
  });

  it('keeps a damaged file aside and starts unpaired', () => {
    dir = mkdtempSync(join(tmpdir(), 'novbe-display-identity-'));
    writeFileSync(join(dir, 'identity.json'), '{"display": ');
    const damaged: string[] = [];
    const store = new IdentityStore(dir, (_e, keptAs) => damaged.push(keptAs));
    expect(store.display).toBeNull();
    expect(damaged).toEqual([join(dir, 'identity.json.damaged')]);
    expect(readFileSync(damaged[0]!, 'utf8')).toBe('{"display": ');
  });
});
