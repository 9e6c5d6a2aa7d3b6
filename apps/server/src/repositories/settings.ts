import type { Db } from '@novbe/store';

/** Small named values the server keeps: the center's configuration. Never secrets (see `fin-key.ts`). */
export class SettingsRepository {
  constructor(private readonly db: Db) {}

  get(key: string): string | null {
    return (
      (this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)
        ?.value ?? null
    );
  }

  set(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }
}
