import { ReasonCode, StreamCloseReason } from '@novbe/protocol';
import { randomBytes } from 'node:crypto';
import { hashPassword, newToken, tokenHash, verifyPassword } from '../auth';
import type { RoutePlugin } from '../context';
import { HttpError } from '../errors';
import { handle } from './route';

/** Staff: logging in and out, the staff list, passwords. */
export const staffRoutes: RoutePlugin = async (app, { ctx }) => {
  const { service, staff, sessions, config, clock, hub } = ctx;
  // An unknown login is checked against this, so it takes as long as a wrong password.
  let stand: Promise<string> | null = null;
  const standIn = () => (stand ??= Promise.resolve(hashPassword(randomBytes(16).toString('hex'))));

  handle(
    app,
    'login',
    async ({ body }) => {
      const member = service.center.staff.find((s) => s.login === body.login);
      const stored = member ? staff.passwordHash(member.id) : null;
      const matches = await verifyPassword(body.password, stored ?? (await standIn()));
      // The hash is checked off the event loop: a password reset meanwhile wins.
      if (!member || stored === null || !matches || staff.passwordHash(member.id) !== stored)
        throw new HttpError(401, ReasonCode.Unauthorized, 'wrong login or password');
      const token = newToken();
      const now = clock();
      sessions.open(tokenHash(token), member.id, now, now + config.sessionHours * 3_600_000);
      return { token, staff: { id: member.id, name: member.name, roles: member.roles } };
    },
    {
      rateLimit: {
        max: 10,
        timeWindow: 60_000,
        keyGenerator: (req) => `${req.ip}:${(req.body as { login: string }).login}`,
      },
    },
  );

  handle(app, 'logout', ({ principal }) => {
    sessions.end(principal.session, clock());
    hub.closeWhere((owner) => owner.session === principal.session, StreamCloseReason.LoggedOut, 'logged out');
    return { ok: true };
  });

  handle(app, 'listStaff', () =>
    service.center.staff.map(({ id, name, login, agencyId, roles }) => ({
      id,
      name,
      login,
      agencyId,
      roles,
    })),
  );

  handle(app, 'setStaffPassword', async ({ params, body }) => {
    if (!service.center.staff.some((s) => s.id === params.id))
      throw new HttpError(404, ReasonCode.NotFound, `no staff member ${params.id}`);
    const hash = await hashPassword(body.password);
    const now = clock();
    staff.setPasswordHash(params.id, hash, now);
    sessions.endAll(params.id, now);
    hub.closeWhere(
      (owner) => owner.principal === `staff:${params.id}`,
      StreamCloseReason.PasswordReset,
      'the password was reset: log in again',
    );
    return { ok: true };
  });
};
