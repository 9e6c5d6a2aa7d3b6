import { type ChildProcess, spawn } from 'node:child_process';
import { access } from 'node:fs/promises';

/** Two linked pseudo-terminals made by socat: what is written to one end is read at the other. */
export type PtyPair = {
  /** The end a driver opens, as it would open /dev/ttyUSB0. */
  readonly readerPath: string;
  /** The end the emulator writes the device's bytes to. */
  readonly devicePath: string;
  readonly pid: number;
  /** True until socat exits (closed, killed or crashed). */
  readonly running: boolean;
  /** Stops socat; both ends vanish, as when the device is unplugged. */
  close(): Promise<void>;
};

export class PtyPairError extends Error {
  override name = 'PtyPairError';
}

/**
 * Starts `socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B` and resolves once socat reports its
 * transfer loop is running, so both links exist and carry bytes.
 */
export async function openPtyPair(
  readerPath: string,
  devicePath: string,
  timeoutMs = 5000,
): Promise<PtyPair> {
  const child = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${readerPath}`, `pty,raw,echo=0,link=${devicePath}`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let running = true;
  // If this process exits without closing the pair (crash, process.exit), take socat down with it.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running = false;
      process.off('exit', killOnExit);
      resolve();
    }),
  );
  try {
    await waitForTransferLoop(child, timeoutMs);
    await Promise.all([access(readerPath), access(devicePath)]);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  return {
    readerPath,
    devicePath,
    pid: child.pid!,
    get running() {
      return running;
    },
    async close() {
      if (running) child.kill('SIGTERM');
      await exited;
    },
  };
}

function waitForTransferLoop(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(
      () => fail(new PtyPairError(`socat did not start within ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('starting data transfer loop')) done();
    };
    const onError = (error: Error) =>
      fail(new PtyPairError(`cannot start socat (is it installed?): ${error.message}`));
    const onExit = (code: number | null) => fail(new PtyPairError(`socat exited with ${code}: ${stderr}`));
    child.stderr!.on('data', onData);
    child.once('error', onError);
    child.once('exit', onExit);
    function cleanup() {
      clearTimeout(timer);
      child.off('error', onError);
      child.off('exit', onExit);
      // Keep draining socat's notices so its pipe never fills, but stop collecting them.
      child.stderr!.off('data', onData);
      child.stderr!.resume();
    }
    function done() {
      cleanup();
      resolve();
    }
    function fail(error: Error) {
      cleanup();
      reject(error);
    }
  });
}
