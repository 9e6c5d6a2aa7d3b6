/**
 * Who sends the fuzz's requests: every kind of principal the contract's `allow` speaks of,
 * plus a stranger with a made-up token and two devices the fuzz may revoke. A caller whose
 * session the fuzz itself ended (a logout, a password reset) is set up again.
 */
import type { PairingCodeRequest, Role } from '@novbe/protocol';
import { callJson } from './send';

export const CALLERS = {
  anonymous: [],
  /** A bearer token the server never issued. */
  stranger: [],
  kiosk: ['kiosk'],
  /** A kiosk whose id the fuzz knows: revoking it is one of the valid requests. */
  'doomed kiosk': ['kiosk'],
  display: ['display'],
  'doomed display': ['display'],
  'counter board': ['counter-board'],
  booking: ['booking'],
  operator: ['operator'],
  supervisor: ['supervisor', 'operator'],
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type CallerName = keyof typeof CALLERS;
export const CALLER_NAMES = Object.keys(CALLERS) as CallerName[];

const DEVICES: Partial<Record<CallerName, PairingCodeRequest>> = {
  kiosk: { role: 'kiosk', name: 'Fuzz kiosk' },
  'doomed kiosk': { role: 'kiosk', name: 'Doomed kiosk' },
  display: { role: 'display', name: 'Fuzz display', hallIds: ['hall-1'] },
  'doomed display': { role: 'display', name: 'Doomed display' },
  'counter board': { role: 'counter-board', name: 'Fuzz board', counterId: 'counter-1' },
  booking: { role: 'booking', name: 'Fuzz booking' },
};
/** Staff callers: their staff id and login in the example center. */
const STAFF: Partial<Record<CallerName, { id: string; login: string }>> = {
  operator: { id: 'staff-aysel', login: 'aysel' },
  supervisor: { id: 'staff-nigar', login: 'nigar' },
  admin: { id: 'staff-admin', login: 'admin' },
};
/** A staff member whose login the valid login requests use (nobody else logs in as them). */
export const FUZZ_LOGIN = { staffId: 'staff-tural', login: 'tural', password: 'tural-fuzz-password' };

/** Callers never set up again: they have no session to lose, or losing it is the point. */
const NOT_RENEWED = new Set<CallerName>(['anonymous', 'stranger', 'doomed kiosk', 'doomed display']);

export class Callers {
  private readonly tokens = new Map<CallerName, string>();
  private readonly deviceIds = new Map<CallerName, string>();
  private renewing: Promise<void> = Promise.resolve();
  /** Logins come from ever another loopback address, out of reach of the per-address limits. */
  private sourceAddress = 1;
  renewals = 0;

  constructor(
    private readonly port: number,
    private readonly adminPassword: string,
  ) {}

  /** Pairs the devices and logs the staff in. */
  async setUp(): Promise<void> {
    this.tokens.set('stranger', 'a'.repeat(43));
    for (const name of CALLER_NAMES)
      if (name !== 'anonymous' && name !== 'stranger') await this.setUpOne(name);
    await callJson(this.port, 'POST', `/v1/staff/${FUZZ_LOGIN.staffId}/password`, {
      token: await this.adminToken(),
      body: { password: FUZZ_LOGIN.password },
    });
  }

  token(name: CallerName): string | undefined {
    return this.tokens.get(name);
  }

  /** The ids of the devices the fuzz may revoke. */
  doomedDeviceIds(): string[] {
    return (['doomed kiosk', 'doomed display'] as const).map((n) => this.deviceIds.get(n)!);
  }

  /**
   * A caller's token was refused though the caller should hold one: sets it up again, once
   * (concurrent reports of the same stale token renew it only once).
   */
  renew(name: CallerName, staleToken: string | undefined): Promise<void> {
    if (NOT_RENEWED.has(name)) return Promise.resolve();
    const renewal = this.renewing.then(async () => {
      if (this.tokens.get(name) !== staleToken) return; // renewed already
      this.renewals++;
      // The fuzz may end the admin's session meanwhile: try again.
      for (let attempt = 1; ; attempt++)
        try {
          return await this.setUpOne(name);
        } catch (e) {
          if (attempt === 3) throw e;
        }
    });
    this.renewing = renewal.catch(() => undefined);
    return renewal;
  }

  private nextAddress(): string {
    this.sourceAddress = (this.sourceAddress % 250) + 1;
    return `127.0.1.${this.sourceAddress}`;
  }

  private async login(login: string, password: string): Promise<string> {
    const { token } = await callJson<{ token: string }>(this.port, 'POST', '/v1/login', {
      body: { login, password },
      localAddress: this.nextAddress(),
    });
    return token;
  }

  /** The admin's token, logged in again if the fuzz logged the admin out. */
  async adminToken(): Promise<string> {
    const current = this.tokens.get('admin');
    if (current) {
      try {
        await callJson(this.port, 'GET', '/v1/devices', { token: current });
        return current;
      } catch {
        // Logged out by the fuzz: log in again below.
      }
    }
    const token = await this.login('admin', this.adminPassword);
    this.tokens.set('admin', token);
    return token;
  }

  private async setUpOne(name: CallerName): Promise<void> {
    const device = DEVICES[name];
    const staff = STAFF[name];
    if (name === 'admin') {
      this.tokens.delete('admin');
      await this.adminToken();
    } else if (staff) {
      const password = `${staff.login}-fuzz-password`;
      await callJson(this.port, 'POST', `/v1/staff/${staff.id}/password`, {
        token: await this.adminToken(),
        body: { password },
      });
      this.tokens.set(name, await this.login(staff.login, password));
    } else if (device) {
      const { code } = await callJson<{ code: string }>(this.port, 'POST', '/v1/pairing-codes', {
        token: await this.adminToken(),
        body: device,
      });
      const paired = await callJson<{ token: string; deviceId: string }>(this.port, 'POST', '/v1/pair', {
        body: { code },
        localAddress: this.nextAddress(),
      });
      this.tokens.set(name, paired.token);
      this.deviceIds.set(name, paired.deviceId);
    }
  }
}
