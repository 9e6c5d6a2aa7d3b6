import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Two linked pseudo-terminals: bytes written to one end come out of the other, as on a serial cable. */
export interface PtyPair {
  /** The end the emulator opens. */
  readonly emulatorPath: string;
  /** The end a driver opens, as it would open /dev/ttyUSB0 or /dev/usb/lp0. */
  readonly devicePath: string;
  close(): Promise<void>;
}

export class PtyUnavailableError extends Error {
  override name = 'PtyUnavailableError';
}

/**
 * Starts `socat` with two raw, echo-free ptys linked at stable paths in a fresh temp folder.
 * Resolves once socat reports its transfer loop, i.e. both links exist.
 */
export async function createPtyPair(
  options: { readonly dir?: string; readonly timeoutMs?: number } = {},
): Promise<PtyPair> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'novbe-pty-')));
  const emulatorPath = join(dir, 'emulator');
  const devicePath = join(dir, 'device');
  const child = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${emulatorPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    await waitForTransferLoop(child, options.timeoutMs ?? 5000);
  } catch (error) {
    child.kill('SIGKILL');
    if (!options.dir) await rm(dir, { recursive: true, force: true });
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    emulatorPath,
    devicePath,
    close() {
      closed ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.kill('SIGTERM');
          await exited;
        }
        if (!options.dir) await rm(dir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}

function waitForTransferLoop(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(
      () => finish(new PtyUnavailableError(`socat did not link the ptys in ${timeoutMs} ms: ${log.trim()}`)),
      timeoutMs,
    );
    const finish = (error?: Error) => {
      clearTimeout(timer);
      child.stderr?.removeListener('data', onData);
      child.removeListener('error', onError);
      child.removeListener('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('starting data transfer loop')) finish();
    };
    const onError = (error: NodeJS.ErrnoException) =>
      finish(
        new PtyUnavailableError(
          error.code === 'ENOENT' ? 'socat is not installed (Debian: apt-get install socat)' : error.message,
        ),
      );
    const onExit = (code: number | null) =>
      finish(new PtyUnavailableError(`socat exited with ${code}: ${log.trim()}`));
    child.stderr?.on('data', onData);
    child.once('error', onError);
    child.once('exit', onExit);
  });
}
