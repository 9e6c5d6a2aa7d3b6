import type { Db } from '@novbe/store';
import { join } from 'node:path';
import type { ServerConfig } from './config';
import { KeyFileError, newKey, readKeyFile, writeKeyFile } from './key-file';

/** Where servers before the key file kept the FIN key: a row of the settings table. */
const LEGACY_SETTING = 'fin-key';

/** The FIN key file: `finKeyFile`, by default `fin.key` in the data directory. */
export function finKeyPath(config: Pick<ServerConfig, 'dataDir' | 'finKeyFile'>): string {
  return config.finKeyFile ?? join(config.dataDir, 'fin.key');
}

export interface FinKey {
  readonly key: string;
  /** Where it came from, for the start log (never the key itself). */
  readonly source: 'configuration' | 'file' | 'created' | 'moved-from-database';
  readonly path: string;
  /** Booked appointments already in the database when a new key was made: none will match. */
  readonly unmatched: number;
}

/**
 * The key under which appointments store FINs (as HMACs). It never lives in the database: a
 * copy of the database alone must not confirm a guessed FIN (there are only 34⁷ of them). It
 * comes from the configuration (`finKey`), else from its own file (`finKeyFile`, mode 0600),
 * generated there at first start. A key older servers kept in the settings table is moved into
 * the file (so the appointments booked under it still match) and erased from the database.
 */
export function loadFinKey(db: Db, config: Pick<ServerConfig, 'dataDir' | 'finKeyFile' | 'finKey'>): FinKey {
  const path = finKeyPath(config);
  const stored = (
    db.prepare('SELECT value FROM settings WHERE key = ?').get(LEGACY_SETTING) as
      { value: string } | undefined
  )?.value;
  const inFile = readKeyFile(path);
  if (stored !== undefined) {
    if (inFile !== null && inFile !== stored)
      throw new KeyFileError(
        path,
        'holds another FIN key than the one in the database; appointments were booked under the ' +
          "database's: move this file away, and the server moves the database's key into it",
      );
    // File first, made durable; then the row. A crash in between leaves both, equal: done next start.
    if (inFile === null) writeKeyFile(path, stored);
    eraseLegacyKey(db);
  }
  if (config.finKey !== undefined) return { key: config.finKey, source: 'configuration', path, unmatched: 0 };
  if (stored !== undefined) return { key: stored, source: 'moved-from-database', path, unmatched: 0 };
  if (inFile !== null) return { key: inFile, source: 'file', path, unmatched: 0 };
  // A database restored without its key file still runs the queue; its bookings cannot match.
  const { n: unmatched } = db
    .prepare("SELECT count(*) AS n FROM appointments WHERE status = 'booked'")
    .get() as { n: number };
  const key = newKey();
  writeKeyFile(path, key);
  return { key, source: 'created', path, unmatched };
}

/**
 * Deletes the key's row so that no copy of the database made from now on holds it: its bytes
 * are overwritten (`secure_delete`) and the WAL is checkpointed into the file and emptied.
 */
function eraseLegacyKey(db: Db): void {
  const secureDelete = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    db.prepare('DELETE FROM settings WHERE key = ?').run(LEGACY_SETTING);
  } finally {
    db.pragma(`secure_delete = ${secureDelete}`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
}
