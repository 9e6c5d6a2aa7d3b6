import type { Db } from '@novbe/store';

/** What pairing gave this kiosk. */
export interface KioskIdentity {
  readonly deviceId: string;
  readonly name: string;
  /** The bearer token for every request; the server keeps only its hash. */
  readonly token: string;
  /** The server it was paired with; a token is worthless elsewhere. */
  readonly serverUrl: string;
  readonly pairedAt: number;
}

const KEYS = ['deviceId', 'name', 'token', 'serverUrl', 'pairedAt'] as const;

/** The device identity in the `identity` table (one row per field). */
export class IdentityStore {
  constructor(private readonly db: Db) {}

  load(): KioskIdentity | null {
    const rows = this.db.prepare('SELECT key, value FROM identity').all() as { key: string; value: string }[];
    const map = new Map(rows.map((r) => [r.key, r.value]));
    if (!KEYS.every((k) => map.has(k))) return null;
    return {
      deviceId: map.get('deviceId')!,
      name: map.get('name')!,
      token: map.get('token')!,
      serverUrl: map.get('serverUrl')!,
      pairedAt: Number(map.get('pairedAt')),
    };
  }

  /** Replaces the identity (a kiosk paired again gets a new token). */
  save(identity: KioskIdentity): void {
    const put = this.db.prepare('INSERT OR REPLACE INTO identity (key, value) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const k of KEYS) put.run(k, String(identity[k]));
    })();
  }

  clear(): void {
    this.db.prepare('DELETE FROM identity').run();
  }
}
