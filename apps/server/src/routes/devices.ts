import { ReasonCode } from '@novbe/protocol';
import { randomUUID } from 'node:crypto';
import { newPairingCode, newToken, pairingCodeHash, tokenHash } from '../auth';
import type { RoutePlugin } from '../context';
import { HttpError } from '../errors';
import { handle } from './route';

/** Devices: pairing with one-time codes, heartbeats, the admin's list, revocation. */
export const deviceRoutes: RoutePlugin = async (app, { ctx }) => {
  const { service, devices, config, clock } = ctx;

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
    ({ body }) => {
      const now = clock();
      const hash = pairingCodeHash(body.code);
      const grant = devices.pairingGrant(hash);
      if (!grant || grant.usedAt !== null || grant.expiresAt < now)
        throw new HttpError(401, ReasonCode.Unauthorized, 'unknown, used or expired pairing code');
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
    return { ok: true };
  });
};
