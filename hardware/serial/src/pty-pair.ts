import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, rmSync } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Two linked pseudo-terminals made by socat: bytes written to one end come out of the other, as on a serial cable. */
export interface PtyPair {
  /** The end a driver opens, as it would open /dev/ttyUSB0 or /dev/usb/lp0. */
  readonly driverPath: string;
  /** The end the emulator opens: the device's side of the cable. */
  readonly devicePath: string;
  /** socat's process id, for tests that pull the plug harder than `close` does (SIGKILL leaves the links behind). */
  readonly pid: number;
  /** True until socat exits (closed, killed or crashed). */
  readonly running: boolean;
  /** Resolves once socat has exited, however it ended. */
  readonly exited: Promise<void>;
  /** Stops socat (both ends vanish, as when the device is unplugged) and removes the temp folder it made. */
  close(): Promise<void>;
}

export interface PtyPairOptions {
  /** Where the driver's end appears (a symlink socat makes); default `driver` in a fresh temp folder. */
  readonly driverPath?: string;
  /** Where the device's end appears; default `device` in that temp folder. */
  readonly devicePath?: string;
  /** How long socat may take to link the ptys. Default 5 s. */
  readonly timeoutMs?: number;
}

/** socat is missing, failed, or did not link the ptys in time. */
export class PtyPairError extends Error {
  override name = 'PtyPairError';
  readonly code = 'pty-pair';
}

/** How long `close` waits after SIGTERM before it sends SIGKILL. */
const TERM_GRACE_MS = 2000;

/**
 * Starts `socat -d -d pty,raw,echo=0,link=<driver> pty,raw,echo=0,link=<device>` (Debian package `socat`)
 * and resolves once socat reports its transfer loop, so both links exist and carry bytes.
 *
 * socat must not outlive this process, however it ends: `close` stops it (SIGKILL if SIGTERM is not
 * enough), an exit hook stops it on `process.exit`, and on Linux it runs under `setpriv --pdeathsig`, so
 * the kernel kills it even when this process is killed outright.
 */
export async function createPtyPair(options: PtyPairOptions = {}): Promise<PtyPair> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const ownDir =
    options.driverPath === undefined || options.devicePath === undefined
      ? await mkdtemp(join(tmpdir(), 'novbe-pty-'))
      : undefined;
  const driverPath = options.driverPath ?? join(ownDir!, 'driver');
  const devicePath = options.devicePath ?? join(ownDir!, 'device');
  const removeOwnDir = async () => {
    if (ownDir) await rm(ownDir, { recursive: true, force: true });
  };

  const socatArgs = ['-d', '-d', `pty,raw,echo=0,link=${driverPath}`, `pty,raw,echo=0,link=${devicePath}`];
  const setpriv = parentDeathSignalWrapper();
  // setpriv execs socat, so the child's pid is socat's own.
  const child = setpriv
    ? spawn(setpriv, ['--pdeathsig', 'KILL', '--', 'socat', ...socatArgs], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawn('socat', socatArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  // A kill of a process that is already gone is no news; an 'error' without a listener would be fatal.
  child.on('error', () => undefined);

  let running = true;
  const killOnExit = () => {
    child.kill('SIGKILL');
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('close', () => {
      running = false;
      process.off('exit', killOnExit);
      resolve();
    }),
  );

  try {
    await waitForTransferLoop(child, timeoutMs, setpriv !== undefined);
    await Promise.all([access(driverPath), access(devicePath)]);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await removeOwnDir();
    throw error instanceof PtyPairError ? error : new PtyPairError(`socat made no ptys: ${String(error)}`);
  }

  let closed: Promise<void> | undefined;
  return {
    driverPath,
    devicePath,
    pid: child.pid!,
    get running() {
      return running;
    },
    exited,
    close() {
      closed ??= (async () => {
        if (running) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), TERM_GRACE_MS);
          await exited;
          clearTimeout(timer);
        }
        await removeOwnDir();
      })();
      return closed;
    },
  };
}

let setprivPath: string | undefined;

/** `setpriv` (util-linux) where it exists: Linux only, found on PATH and remembered. */
function parentDeathSignalWrapper(): string | undefined {
  if (setprivPath === undefined && process.platform === 'linux') setprivPath = findExecutable('setpriv');
  return setprivPath;
}

function findExecutable(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

function waitForTransferLoop(child: ChildProcess, timeoutMs: number, viaSetpriv: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(
      () => finish(new PtyPairError(`socat did not link the ptys within ${timeoutMs} ms: ${log.trim()}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('starting data transfer loop')) finish();
    };
    const onError = (error: NodeJS.ErrnoException) =>
      finish(
        new PtyPairError(
          error.code === 'ENOENT'
            ? 'socat is not installed (Debian: apt-get install socat)'
            : `cannot start socat: ${error.message}`,
        ),
      );
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(
        new PtyPairError(
          // setpriv exits 127 when it cannot exec socat.
          viaSetpriv && code === 127
            ? 'socat is not installed (Debian: apt-get install socat)'
            : `socat exited (${signal ?? code}) before the ptys were ready: ${log.trim()}`,
        ),
      );
    child.stderr!.on('data', onData);
    child.once('error', onError);
    child.once('exit', onExit);
    function finish(error?: Error) {
      clearTimeout(timer);
      child.off('error', onError);
      child.off('exit', onExit);
      // Keep draining socat's notices so its pipe never fills, but stop collecting them.
      child.stderr!.off('data', onData);
      child.stderr!.resume();
      if (error) reject(error);
      else resolve();
    }
  });
}
