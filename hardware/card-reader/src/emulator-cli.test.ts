import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterEach, describe, expect, it } from 'vitest';

import { nextEvent } from './next-event.test-helper';
import { SerialCardReader } from './serial-card-reader';
import { generateTestCard } from './test-card';

const CLI = join(import.meta.dirname, 'emulator-cli.ts');
const TSX = join(import.meta.dirname, '../../../node_modules/.bin/tsx');
const run = promisify(execFile);

let child: ChildProcess | undefined;
let dir: string | undefined;
let reader: SerialCardReader | undefined;

afterEach(async () => {
  await reader?.close();
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
  }
  if (dir) await rm(dir, { recursive: true, force: true });
  child = dir = reader = undefined;
});

describe('emulator-cli', () => {
  it('prints its usage with --help and refuses a bad option', async () => {
    const { stdout } = await run(TSX, [CLI, '--help']);
    expect(stdout).toContain('--bad-check <field>');
    await expect(run(TSX, [CLI, '--framing', 'smoke-signals'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--framing expects one of'),
    });
  });

  it('serves noisy, split cards on a pty that the serial driver reads, and cleans up on SIGTERM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'novbe-card-cli-'));
    const port = join(dir, 'reader');
    child = spawn(
      TSX,
      [CLI, '--reader', port, '--every', '150', '--noise', '10', '--split', '--given', 'LEYLA'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('card reader port:')) resolve();
      });
      child!.once('exit', (code) => reject(new Error(`CLI exited with ${code}`)));
    });
    expect(stdout).toContain(port);

    reader = new SerialCardReader({ path: port, now: () => new Date('2026-05-01T08:00:00Z') });
    await reader.open();
    const [transaction] = await nextEvent(reader, 'card');
    expect(transaction.read).toEqual(generateTestCard({ givenNames: 'LEYLA' }).expected);
    expect(stdout).not.toContain('5ZR7HN2');

    const exit = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(existsSync(port)).toBe(false);
  });

  it('prints the HID reports of a card', async () => {
    const { stdout } = await run(TSX, [CLI, '--hid', '--report-id', '2']);
    const reports = stdout.trim().split('\n');
    expect(reports).toHaveLength(2 * 93);
    expect(reports[0]).toBe('0202000c0000000000');
  });
});
