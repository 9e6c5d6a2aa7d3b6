import type { DeviceHeartbeat, DeviceRole, DeviceView } from '@novbe/protocol';
import type { Db } from '@novbe/store';

/** A device's identity as its token resolves to it. */
export interface DeviceIdentity {
  readonly id: string;
  readonly role: DeviceRole;
  readonly name: string;
  readonly hallIds: readonly string[] | null;
  readonly counterId: string | null;
  readonly kioskNumber: number | null;
}

/** What a pairing code was made for. */
export interface PairingGrant {
  readonly role: DeviceRole;
  readonly name: string;
  readonly hallIds: readonly string[] | null;
  readonly counterId: string | null;
  readonly expiresAt: number;
  readonly usedAt: number | null;
}

interface DeviceRow {
  id: string;
  role: DeviceRole;
  name: string;
  hall_ids: string | null;
  counter_id: string | null;
  kiosk_number: number | null;
  paired_at: number;
  revoked_at: number | null;
  last_seen_at: number | null;
  status: string | null;
}

const halls = (json: string | null) => (json === null ? null : (JSON.parse(json) as string[]));

/** Paired devices and their one-time pairing codes (only hashes of codes and tokens are kept). */
export class DeviceRepository {
  readonly #byToken;
  readonly #heartbeat;

  constructor(private readonly db: Db) {
    this.#byToken = db.prepare(
      'SELECT id, role, name, hall_ids, counter_id, kiosk_number FROM devices WHERE token_hash = ? AND revoked_at IS NULL',
    );
    this.#heartbeat = db.prepare('UPDATE devices SET last_seen_at = ?, status = ? WHERE id = ?');
  }

  /** The active device holding a token (by its hash). */
  byTokenHash(hash: string): DeviceIdentity | null {
    const row = this.#byToken.get(hash) as DeviceRow | undefined;
    return row
      ? {
          id: row.id,
          role: row.role,
          name: row.name,
          hallIds: halls(row.hall_ids),
          counterId: row.counter_id,
          kioskNumber: row.kiosk_number,
        }
      : null;
  }

  addPairingCode(codeHash: string, grant: Omit<PairingGrant, 'usedAt'>, createdBy: string): void {
    this.db
      .prepare(
        'INSERT INTO pairing_codes (code_hash, role, name, hall_ids, counter_id, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        codeHash,
        grant.role,
        grant.name,
        grant.hallIds ? JSON.stringify(grant.hallIds) : null,
        grant.counterId,
        createdBy,
        grant.expiresAt,
      );
  }

  pairingGrant(codeHash: string): PairingGrant | null {
    const row = this.db
      .prepare(
        'SELECT role, name, hall_ids, counter_id, expires_at, used_at FROM pairing_codes WHERE code_hash = ?',
      )
      .get(codeHash) as
      | (Pick<DeviceRow, 'role' | 'name' | 'hall_ids' | 'counter_id'> & {
          expires_at: number;
          used_at: number | null;
        })
      | undefined;
    return row
      ? {
          role: row.role,
          name: row.name,
          hallIds: halls(row.hall_ids),
          counterId: row.counter_id,
          expiresAt: row.expires_at,
          usedAt: row.used_at,
        }
      : null;
  }

  /** The next kiosk's own number: 1, 2, … (its `K<n>` prefix when it has no lease left). */
  nextKioskNumber(): number {
    const row = this.db.prepare("SELECT max(kiosk_number) AS n FROM devices WHERE role = 'kiosk'").get() as {
      n: number | null;
    };
    return (row.n ?? 0) + 1;
  }

  /** Spends a pairing code on a new device; call inside the pairing's transaction. */
  pair(codeHash: string, device: DeviceIdentity, tokenHash: string, now: number): void {
    this.db.prepare('UPDATE pairing_codes SET used_at = ? WHERE code_hash = ?').run(now, codeHash);
    this.db
      .prepare(
        'INSERT INTO devices (id, role, name, hall_ids, counter_id, kiosk_number, token_hash, paired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        device.id,
        device.role,
        device.name,
        device.hallIds ? JSON.stringify(device.hallIds) : null,
        device.counterId,
        device.kioskNumber,
        tokenHash,
        now,
      );
  }

  /** An active (not revoked) device. */
  active(id: string): { role: DeviceRole; name: string } | null {
    return (
      (this.db.prepare('SELECT role, name FROM devices WHERE id = ? AND revoked_at IS NULL').get(id) as
        { role: DeviceRole; name: string } | undefined) ?? null
    );
  }

  revoke(id: string, now: number): void {
    this.db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ?').run(now, id);
  }

  recordHeartbeat(id: string, now: number, status: DeviceHeartbeat): void {
    this.#heartbeat.run(now, JSON.stringify(status), id);
  }

  list(): DeviceView[] {
    const rows = this.db
      .prepare(
        'SELECT id, role, name, hall_ids, counter_id, kiosk_number, paired_at, revoked_at, last_seen_at, status FROM devices ORDER BY paired_at',
      )
      .all() as DeviceRow[];
    return rows.map((d) => ({
      id: d.id,
      role: d.role,
      name: d.name,
      hallIds: halls(d.hall_ids),
      counterId: d.counter_id,
      kioskNumber: d.kiosk_number,
      pairedAt: d.paired_at,
      revokedAt: d.revoked_at,
      lastSeenAt: d.last_seen_at,
      status: d.status === null ? null : (JSON.parse(d.status) as DeviceHeartbeat),
    }));
  }
}
