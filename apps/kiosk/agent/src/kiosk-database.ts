import { migrate, openDatabase, type Db } from '@novbe/store';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KIOSK_MIGRATIONS } from './migrations';

/**
 * Opens (creating when absent) the kiosk's database in `dataDir` and brings its schema up to
 * date. The directory is private to the agent's user: the file holds the device token.
 */
export function openKioskDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'kiosk.db');
  const db = openDatabase(file);
  try {
    chmodSync(file, 0o600);
    migrate(db, KIOSK_MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
