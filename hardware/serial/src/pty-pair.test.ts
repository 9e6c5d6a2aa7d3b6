import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:fs';
import { readFileSync } from 'node:fs';
import { access, open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { PtyPairError, createPtyPair } from './pty-pair';

const HOLDER = fileURLToPath(new URL('./pty-pair-holder.test-helper.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Running, not a zombie: a killed socat whose parent died waits for init to reap it. */
const isAlive = (pid: number) => {
  try {
    if (process.platform === 'linux') return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pid: number, withinMs = 2000): Promise<boolean> {
  for (const until = Date.now() + withinMs; Date.now() < until;) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return !isAlive(pid);
}

/** Starts the holder process and waits for the socat it made. */
async function holder(mode: 'exit' | 'hold') {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, mode], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  for await (const chunk of child.stdout) {
    out += String(chunk);
    const m = /^socat (\d+) (\S+)$/m.exec(out);
    if (m) return { child, socatPid: Number(m[1]), driverPath: m[2]! };
  }
  throw new Error(`the holder printed no socat pid: ${out}`);
}

describe('createPtyPair', () => {
  it('links two ptys that carry bytes both ways, and close removes socat and its temp folder', async () => {
    const pair = await createPtyPair();
    const flags = constants.O_RDWR | constants.O_NOCTTY;
    const [driver, device] = await Promise.all([open(pair.driverPath, flags), open(pair.devicePath, flags)]);
    try {
      await driver.write(Buffer.from('ping'));
      const got = Buffer.alloc(4);
      await device.read(got, 0, 4, null);
      expect(got.toString()).toBe('ping');
      await device.write(Buffer.from('pong'));
      await driver.read(got, 0, 4, null);
      expect(got.toString()).toBe('pong');
    } finally {
      await driver.close();
      await device.close();
    }
    expect(pair.running).toBe(true);
    await Promise.all([pair.close(), pair.close()]);
    expect(pair.running).toBe(false);
    expect(isAlive(pair.pid)).toBe(false);
    await expect(access(dirname(pair.driverPath))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('notices socat killed outright, and close still cleans up after it', async () => {
    const pair = await createPtyPair();
    process.kill(pair.pid, 'SIGKILL');
    await pair.exited;
    expect(pair.running).toBe(false);
    await pair.close();
    await expect(access(dirname(pair.driverPath))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says socat is missing with a PtyPairError', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const attempt = createPtyPair();
      await expect(attempt).rejects.toBeInstanceOf(PtyPairError);
      await expect(attempt).rejects.toThrow(/socat is not installed/);
    } finally {
      process.env.PATH = path;
    }
  });

  it('takes socat down when its process calls process.exit without closing the pair', async () => {
    const { child, socatPid, driverPath } = await holder('exit');
    await once(child, 'exit');
    expect(await gone(socatPid)).toBe(true);
    await expect(access(dirname(driverPath))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.runIf(process.platform === 'linux')('takes socat down when its process is killed outright', async () => {
    const { child, socatPid, driverPath } = await holder('hold');
    expect(isAlive(socatPid)).toBe(true);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(await gone(socatPid)).toBe(true);
    // Nobody was left to remove the temp folder.
    await rm(dirname(driverPath), { recursive: true, force: true });
  });
});
