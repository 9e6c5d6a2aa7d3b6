import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminPasswordPath, handOverAdminPassword } from './admin-password';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'novbe-admin-password-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A stand-in for stderr that keeps what was written. */
const terminal = (isTTY: boolean) => {
  const lines: string[] = [];
  return { isTTY, lines, write: (text: string) => lines.push(text) };
};

describe('the generated admin password', () => {
  it('goes into a file only its owner can read, and onto a terminal', () => {
    const tty = terminal(true);
    expect(handOverAdminPassword('s3cret-first-start', dir, tty)).toBe(adminPasswordPath(dir));
    expect(readFileSync(adminPasswordPath(dir), 'utf8')).toBe('s3cret-first-start\n');
    expect(statSync(adminPasswordPath(dir)).mode & 0o777).toBe(0o600);
    expect(tty.lines.join('')).toContain('s3cret-first-start');
  });

  it('is only pointed at when stderr is not a terminal (a journal is a log too)', () => {
    const journal = terminal(false);
    handOverAdminPassword('s3cret-first-start', dir, journal);
    expect(journal.lines.join('')).not.toContain('s3cret-first-start');
    expect(journal.lines.join('')).toContain(adminPasswordPath(dir));
  });

  it('replaces a file left from an earlier database', () => {
    writeFileSync(adminPasswordPath(dir), 'old\n', { mode: 0o644 });
    handOverAdminPassword('s3cret-first-start', dir, terminal(false));
    expect(readFileSync(adminPasswordPath(dir), 'utf8')).toBe('s3cret-first-start\n');
    expect(statSync(adminPasswordPath(dir)).mode & 0o777).toBe(0o600);
  });

  it('still reaches a person when the file cannot be written', () => {
    mkdirSync(join(adminPasswordPath(dir), 'in-the-way'), { recursive: true });
    const journal = terminal(false);
    expect(handOverAdminPassword('s3cret-first-start', dir, journal)).toBeNull();
    expect(journal.lines.join('')).toContain('s3cret-first-start');
  });

  it('never reaches the structured log of a server started afresh', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'main.ts')], {
      env: {
        ...process.env,
        NOVBE_DATA_DIR: dir,
        NOVBE_PORT: '0',
        NOVBE_HOST: '127.0.0.1',
        NOVBE_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        log += b.toString();
        if (log.includes('listening on')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    });
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    const password = readFileSync(adminPasswordPath(dir), 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(log).not.toContain(password);
    expect(stderr).toContain(adminPasswordPath(dir));
    expect(stderr).not.toContain(password);
  }, 30_000);
});
