import type { Db } from './database';

/** One schema step: `migrations/0010-event-log.ts` exports `{ version: 10, name, up }`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

export class DatabaseTooNewError extends Error {
  override name = 'DatabaseTooNewError';
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`the database is at schema ${found}, newer than this program knows (${known}): update the program`);
  }
}

export class MigrationRegistryError extends Error {
  override name = 'MigrationRegistryError';
}

/** Checks a registry: versions strictly increasing, in steps of 10 from 10. */
export function assertRegistry(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== (i + 1) * 10)
      throw new MigrationRegistryError(
        `migration "${m.name}" has version ${m.version}, expected ${(i + 1) * 10}`,
      );
  });
}

/**
 * Brings the schema up to date: all pending migrations in one transaction, the version in
 * `PRAGMA user_version`. A database newer than the registry is refused, never touched.
 * Returns the versions applied.
 */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  assertRegistry(migrations);
  const known = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > known) throw new DatabaseTooNewError(current, known);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${known}`);
  }).immediate();
  return pending.map((m) => m.version);
}
