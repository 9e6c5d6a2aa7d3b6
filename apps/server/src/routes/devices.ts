import { ReasonCode, StreamCloseReason } from '@novbe/protocol';
import { randomUUID } from 'node:crypto';
import { newPairingCode, newToken, pairingCodeHash, tokenHash } from '../auth';
import type { RoutePlugin } from '../context';
import { HttpError } from '../errors';
import { FailureBudget } from '../failure-budget';
import { handle } from './route';

/**
 * Wrong pairing codes the whole center takes in a minute, from any number of addresses (each
 * address also has its own limit). Codes have 8 digits and live 15 minutes: in that time a
 * botnet gets 450 guesses, one chance in 200,000 of hitting a live code, while a technician who
 * mistypes a few times is never held up. A flood of wrong codes holds up pairing — rare, and an
 * admin can wait — and nothing else.
 */
export const PAIRING_FAILURES_PER_MINUTE = 30;

/** Devices: pairing with one-time codes, heartbeats, the admin's list, revocation. */
export const deviceRoutes: RoutePlugin = async (app, { ctx }) => {
  const { service, devices, config, clock, hub } = ctx;
  const pairingFailures = new FailureBudget(PAIRING_FAILURES_PER_MINUTE, 60_000);

  handle(app, 'createPairingCode', ({ principal, body }) => {
    if (body.role === 'counter-board' && !body.counterId)
      throw new HttpError(400, ReasonCode.BadRequest, 'counterId: a counter board needs its counter');
    if (body.counterId && !service.index.counters.has(body.counterId))
      throw new HttpError(400, ReasonCode.BadRequest, `counterId: unknown counter "${body.counterId}"`);
    for (const h of body.hallIds ?? [])
      if (!service.center.halls.some((x) => x.id === h))
        throw new HttpError(400, ReasonCode.BadRequest, `hallIds: unknown hall "${h}"`);
    const code = newPairingCode();
    const expiresAt = clock() + config.pairingCodeMinutes * 60_000;
    devices.addPairingCode(
      pairingCodeHash(code),
      {
        role: body.role,
        name: body.name,
        hallIds: body.hallIds ?? null,
        counterId: body.counterId ?? null,
        expiresAt,
      },
      principal.id,
    );
    return { code, expiresAt };
  });

  handle(
    app,
    'pair',
    ({ body, reply }) => {
      const now = clock();
      // Spent: no code is checked, right or wrong, until the oldest failure is a minute old.
      const wait = pairingFailures.spentFor(now);
      if (wait !== null) {
        const seconds = Math.max(1, Math.ceil(wait / 1000));
        void reply.header('retry-after', String(seconds));
        throw new HttpError(
          429,
          ReasonCode.TooManyRequests,
          `too many wrong pairing codes in the center; try again in ${seconds} seconds`,
        );
      }
      const hash = pairingCodeHash(body.code);
      const grant = devices.pairingGrant(hash);
      if (!grant || grant.usedAt !== null || grant.expiresAt < now) {
        pairingFailures.record(now);
        throw new HttpError(401, ReasonCode.Unauthorized, 'unknown, used or expired pairing code');
      }
      const token = newToken();
      const device = {
        id: randomUUID(),
        role: grant.role,
        name: grant.name,
        hallIds: grant.hallIds,
        counterId: grant.counterId,
        kioskNumber: grant.role === 'kiosk' ? devices.nextKioskNumber() : null,
      };
      service.commit(
        [{ type: 'device.paired', hallId: null, deviceId: device.id, role: device.role, name: device.name }],
        now,
        () => devices.pair(hash, device, tokenHash(token), now),
      );
      return {
        deviceId: device.id,
        role: device.role,
        name: device.name,
        token,
        kioskNumber: device.kioskNumber,
        hallIds: device.hallIds && [...device.hallIds],
        counterId: device.counterId,
      };
    },
    { rateLimit: { max: 20, timeWindow: 60_000 } },
  );

  handle(app, 'heartbeat', ({ principal, body }) => {
    devices.recordHeartbeat(principal.id, clock(), body);
    return { ok: true, seq: service.lastSeq() };
  });

  handle(app, 'listDevices', () => devices.list());

  handle(app, 'revokeDevice', ({ params }) => {
    const device = devices.active(params.id);
    if (!device) throw new HttpError(404, ReasonCode.NotFound, `no active device ${params.id}`);
    const now = clock();
    service.commit(
      [{ type: 'device.revoked', hallId: null, deviceId: params.id, role: device.role, name: device.name }],
      now,
      () => devices.revoke(params.id, now),
    );
    hub.closeWhere(
      (owner) => owner.principal === `device:${params.id}`,
      StreamCloseReason.DeviceRevoked,
      'this device was revoked',
    );
    return { ok: true };
  });
};
