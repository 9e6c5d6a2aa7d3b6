import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** A key file that cannot be used as it is: unreadable, malformed, or readable by others. */
export class KeyFileError extends Error {
  override name = 'KeyFileError';
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`key file ${path}: ${detail}`);
  }
}

/** What a key file holds: one line of at least 16 characters, as a configured key. */
const KEY_TEXT = /^\S{16,}$/;

/** A new secret as a key file holds it: 32 random bytes, base64url. */
export function newKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Reads a secret from its own file. The file must be a regular file that only its owner can
 * read or write (mode 0600 or tighter); a key others can read is refused, not used.
 * Returns null when there is no file.
 */
export function readKeyFile(path: string): string | null {
  let mode: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new KeyFileError(path, 'not a regular file');
    mode = st.mode;
  } catch (e) {
    if (e instanceof KeyFileError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new KeyFileError(path, `cannot be read: ${(e as Error).message}`);
  }
  // POSIX permissions only: on Windows the data directory's ACL protects it.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new KeyFileError(
      path,
      `permissions ${(mode & 0o777).toString(8).padStart(3, '0')} let others read it; run chmod 600 on it`,
    );
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (e) {
    throw new KeyFileError(path, `cannot be read: ${(e as Error).message}`);
  }
  if (!KEY_TEXT.test(text))
    throw new KeyFileError(path, 'does not hold a key (one line of at least 16 characters, no spaces)');
  return text;
}

/**
 * Writes a secret into a new file, readable by its owner only, and makes it durable (the file
 * and its directory entry) before returning. Never replaces an existing file.
 */
export function writeKeyFile(path: string, key: string): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (e) {
    throw new KeyFileError(path, `cannot be created: ${(e as Error).message}`);
  }
  try {
    writeSync(fd, `${key}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDirectory(dirname(path));
}

/** The key in `path`, generated into a new file there when there is none. */
export function readOrCreateKeyFile(path: string): { key: string; created: boolean } {
  const existing = readKeyFile(path);
  if (existing !== null) return { key: existing, created: false };
  const key = newKey();
  writeKeyFile(path, key);
  return { key, created: true };
}

/** Makes a new directory entry durable (a no-op where directories cannot be opened). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory; its file system orders the entry itself.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
