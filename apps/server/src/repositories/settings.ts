import type { Db } from '@novbe/store';
import { randomBytes } from 'node:crypto';

/** Small named values the server keeps: the center's configuration, generated secrets. */
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

  /** A secret generated on first use and kept. */
  secret(key: string): string {
    const existing = this.get(key);
    if (existing !== null) return existing;
    const value = randomBytes(32).toString('base64url');
    this.set(key, value);
    return value;
  }
}
