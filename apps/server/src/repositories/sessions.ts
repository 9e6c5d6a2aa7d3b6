import type { Db } from '@novbe/store';

/** Staff sessions: a bearer token's hash, whose it is, until when. */
export class SessionRepository {
  readonly #active;

  constructor(private readonly db: Db) {
    this.#active = db.prepare(
      'SELECT staff_id FROM staff_sessions WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?',
    );
  }

  open(tokenHash: string, staffId: string, now: number, expiresAt: number): void {
    this.db
      .prepare(
        'INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      )
      .run(tokenHash, staffId, now, expiresAt);
  }

  /** The staff member of a live session, or null. */
  staffOf(tokenHash: string, now: number): string | null {
    return (this.#active.get(tokenHash, now) as { staff_id: string } | undefined)?.staff_id ?? null;
  }

  end(tokenHash: string, now: number): void {
    this.db
      .prepare('UPDATE staff_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL')
      .run(now, tokenHash);
  }

  /** Ends every session of a staff member (a password reset). */
  endAll(staffId: string, now: number): void {
    this.db
      .prepare('UPDATE staff_sessions SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL')
      .run(now, staffId);
  }
}
