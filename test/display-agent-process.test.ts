/**
 * The display agent as its own process (`apps/display/agent/src/main.ts`), as on a box with
 * boards and keypads but no screen: configured from the environment, paired with `--pair`,
 * stopped by a signal; a bad flag or setting ends it with one line and an exit code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../apps/server/src/testing';

let server: TestServer | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  server = dataDir = undefined;
});

function run(env: Record<string, string>, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'apps/display/agent/src/main.ts', ...args], {
    env: { PATH: process.env.PATH, NOVBE_DISPLAY_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (p: ChildProcess) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    let stderr = '';
    p.stderr!.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    p.once('exit', (code) => resolve({ code, stderr }));
  });

describe('the display agent as a process', () => {
  it('pairs with its codes, runs, and stops on SIGTERM', async () => {
    server = await startTestServer();
    dataDir = mkdtempSync(join(tmpdir(), 'novbe-display-process-'));
    const codes = await Promise.all(
      [
        { role: 'display' as const, name: 'Box 1' },
        { role: 'counter-board' as const, name: 'Counter 1', counterId: 'counter-1' },
      ].map(async (body) => (await server!.admin.createPairingCode({ body })).code),
    );
    const agent = run(
      {
        NOVBE_DISPLAY_SERVER_URL: server.url,
        NOVBE_DISPLAY_DATA_DIR: dataDir,
        NOVBE_DISPLAY_KEYPADS: '{"hid":false}',
      },
      codes.flatMap((code) => ['--pair', code]),
    );
    const end = exited(agent);
    // Its log lines (JSON too) may come first.
    let ready: { running?: boolean } = {};
    for await (const line of createInterface({ input: agent.stdout! })) {
      ready = JSON.parse(line) as { running?: boolean };
      if (ready.running) break;
    }
    expect(ready).toEqual({ running: true, paired: { display: true, counterIds: ['counter-1'] } });
    const devices = await server.admin.listDevices();
    expect(devices.map((d) => d.role).sort()).toEqual(['counter-board', 'display']);
    agent.kill('SIGTERM');
    expect((await end).code).toBe(0);
  });

  it('refuses a bad flag, a bad setting and a used code, each with one line', async () => {
    const flag = await exited(run({}, ['--pairing', 'x']));
    expect(flag.code).toBe(64);
    expect(flag.stderr).toMatch(/Unknown option '--pairing'[\s\S]*usage:/);
    expect(flag.stderr).not.toMatch(/\n\s+at /);

    const setting = await exited(run({ NOVBE_DISPLAY_SERVER_URL: 'not a url' }));
    expect(setting.code).toBe(78);
    expect(setting.stderr).toMatch(/serverUrl/);

    server = await startTestServer();
    dataDir = mkdtempSync(join(tmpdir(), 'novbe-display-process-'));
    const used = await exited(
      run(
        {
          NOVBE_DISPLAY_SERVER_URL: server.url,
          NOVBE_DISPLAY_DATA_DIR: dataDir,
          NOVBE_DISPLAY_KEYPADS: '{"hid":false}',
        },
        ['--pair', '1234-5678'],
      ),
    );
    expect(used.code).toBe(77);
    expect(used.stderr).not.toMatch(/\n\s+at /);
  });
});
