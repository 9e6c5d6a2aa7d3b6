import type { StaffRole } from '@novbe/core';
import type { Allow, DeviceRole, Role } from '@novbe/protocol';
import { tokenHash } from './auth';
import type { DeviceIdentity, DeviceRepository } from './repositories/devices';
import type { SessionRepository } from './repositories/sessions';

/** A paired device making a request. */
export interface DevicePrincipal<R extends DeviceRole = DeviceRole> extends DeviceIdentity {
  readonly kind: 'device';
  readonly role: R;
}

/** A logged-in staff member making a request. */
export interface StaffPrincipal {
  readonly kind: 'staff';
  readonly id: string;
  readonly roles: readonly StaffRole[];
  /** The hash of the session's token: logging out ends this session only. */
  readonly session: string;
}

/** Who is making a request. */
export type Principal = DevicePrincipal | StaffPrincipal;

type Listed<A extends Allow> = A extends readonly Role[] ? A[number] : never;

/**
 * The principal a route's handler gets, from its `allow`: for `['kiosk']` a kiosk, for staff
 * roles a staff member, for `'public'` anyone or nobody. The guard has checked it already.
 */
export type PrincipalFor<A extends Allow> = A extends 'public'
  ? Principal | null
  : | ([Extract<Listed<A>, DeviceRole>] extends [never]
        ? never
        : DevicePrincipal<Extract<Listed<A>, DeviceRole>>)
    | ([Extract<Listed<A>, StaffRole>] extends [never] ? never : StaffPrincipal);

/** The roles a principal holds, as the contract's `allow` lists them. */
export function rolesOf(p: Principal): readonly Role[] {
  return p.kind === 'device' ? [p.role] : p.roles;
}

/** Resolves bearer tokens to principals, against hashed tokens in the database. */
export class Authenticator {
  constructor(
    private readonly devices: DeviceRepository,
    private readonly sessions: SessionRepository,
    /** Reads the current configuration, so a changed role applies at once. */
    private readonly staffRoles: (staffId: string) => readonly StaffRole[] | null,
  ) {}

  resolve(token: string, now: number): Principal | null {
    const hash = tokenHash(token);
    const device = this.devices.byTokenHash(hash);
    if (device) return { kind: 'device', ...device };
    const staffId = this.sessions.staffOf(hash, now);
    const roles = staffId === null ? null : this.staffRoles(staffId);
    return staffId !== null && roles ? { kind: 'staff', id: staffId, roles, session: hash } : null;
  }
}
