import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

import { PtyPairError } from './errors';

/** Two connected pseudo-terminals: bytes written to one are read from the other. */
export interface PtyPair {
  /** For the driver (stands in for /dev/ttyUSB0). */
  readonly driverPath: string;
  /** For the emulator (stands in for the boards at the far end of the line). */
  readonly devicePath: string;
  close(): Promise<void>;
}

/**
 * A virtual serial cable made by socat (Debian package `socat`), so the real driver and the
 * emulator talk through real tty devices, termios and all, as they would through an adapter.
 */
export async function createPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  let child: ChildProcess;
  try {
    child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (e) {
    throw new PtyPairError(`cannot start socat: ${e instanceof Error ? e.message : String(e)}`);
  }
  const paths = await new Promise<string[]>((resolve, reject) => {
    let log = '';
    const found: string[] = [];
    const timer = setTimeout(() => fail(`socat gave no ptys within ${timeoutMs} ms: ${log}`), timeoutMs);
    function fail(why: string) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new PtyPairError(why));
    }
    child.once('error', (e) =>
      fail(
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'socat is not installed (apt-get install socat)'
          : `socat failed: ${e.message}`,
      ),
    );
    child.once('exit', (code) => fail(`socat exited (${code}) before the ptys were ready: ${log}`));
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      for (const m of log.matchAll(/PTY is (\S+)/g)) if (!found.includes(m[1]!)) found.push(m[1]!);
      // socat announces the loop once both ends exist; only then can either be opened safely.
      if (found.length === 2 && log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        child.on('error', () => undefined); // e.g. a failed kill at close: nothing left to do
        child.stderr!.removeAllListeners('data');
        child.stderr!.resume();
        resolve(found);
      }
    });
  });
  return {
    driverPath: paths[0]!,
    devicePath: paths[1]!,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
