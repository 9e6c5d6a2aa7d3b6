import type { Db } from '@novbe/store';

/** Staff passwords, stored as self-describing scrypt hashes (`auth.ts`). */
export class StaffRepository {
  readonly #hash;

  constructor(private readonly db: Db) {
    this.#hash = db.prepare('SELECT password_hash FROM staff_credentials WHERE staff_id = ?');
  }

  passwordHash(staffId: string): string | null {
    return (this.#hash.get(staffId) as { password_hash: string } | undefined)?.password_hash ?? null;
  }

  setPasswordHash(staffId: string, hash: string, now: number): void {
    this.db
      .prepare(
        'INSERT INTO staff_credentials (staff_id, password_hash, updated_at) VALUES (?, ?, ?) ON CONFLICT (staff_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at',
      )
      .run(staffId, hash, now);
  }
}
