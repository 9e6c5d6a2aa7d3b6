import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeKeyFile } from './key-file';

/** Where the first start leaves a generated admin password: in the data directory. */
export function adminPasswordPath(dataDir: string): string {
  return join(dataDir, 'admin-password');
}

/** Where the hand-over speaks: the process's stderr. */
export interface Terminal {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Hands the admin password a first start generated to the person installing the server, never
 * through the structured log (logs are shipped, kept and read by others): it goes into a file
 * only the server's user can read (mode 0600, `adminPasswordPath`), and onto the terminal when
 * stderr is one. Under a supervisor stderr ends up in the journal, a log like any other, so
 * there it names the file only. Should the file fail, the password goes to stderr all the
 * same: without it nobody could log in as the admin. Returns the file written, or null.
 */
export function handOverAdminPassword(
  password: string,
  dataDir: string,
  stderr: Terminal = process.stderr,
): string | null {
  const path = adminPasswordPath(dataDir);
  let written: string | null = path;
  try {
    // A file left from an earlier database holds a password nothing accepts any more.
    rmSync(path, { force: true });
    writeKeyFile(path, password);
  } catch (e) {
    written = null;
    stderr.write(`first start: could not write ${path} (${(e as Error).message})\n`);
  }
  const change = `log in as "admin" and change it${written ? ', then delete the file' : ''}`;
  if (stderr.isTTY === true || written === null)
    stderr.write(
      `first start: the admin password is ${password}${written ? ` (also in ${written})` : ''}; ${change}\n`,
    );
  else
    stderr.write(`first start: the admin password is in ${written}, readable by this user only; ${change}\n`);
  return written;
}
