import { MIN_PROTOCOL_VERSION, PROTOCOL_HEADER, PROTOCOL_VERSION, ReasonCode } from '@novbe/protocol';
import type { FastifyInstance } from 'fastify';
import type { Clock } from './center/errors';
import { HttpError, toErrorResponse } from './errors';
import type { Authenticator } from './principal';

/**
 * What every request goes through: the protocol version check and the principal (on arrival),
 * the durable flush and `Cache-Control: no-store` (before any answer leaves), and one shape
 * for every error.
 */
export function installHooks(
  app: FastifyInstance,
  { auth, clock, durable }: { auth: Authenticator; clock: Clock; durable: { flush(): Promise<void> } },
): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    const version = req.headers[PROTOCOL_HEADER];
    if (version !== undefined) {
      const v = Number(version);
      if (!(v >= MIN_PROTOCOL_VERSION))
        throw new HttpError(
          426,
          ReasonCode.ClientTooOld,
          `client protocol ${version} is too old: this server speaks ${MIN_PROTOCOL_VERSION}–${PROTOCOL_VERSION}; update the device`,
        );
      if (v > PROTOCOL_VERSION)
        throw new HttpError(
          426,
          ReasonCode.ClientTooNew,
          `client protocol ${version} is newer than this server's ${PROTOCOL_VERSION}; update the server`,
        );
    }
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) req.principal = auth.resolve(header.slice(7), clock());
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    // Nothing is answered before what was written so far is on the disk.
    try {
      await durable.flush();
    } catch (e) {
      const { status, body } = toErrorResponse(e);
      void reply.status(status).header('content-type', 'application/json; charset=utf-8');
      payload = JSON.stringify(body);
    }
    // How long the server itself took (the sync included), so a client can tell it from the network.
    void reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    // Answers carry tokens (login, pairing) and a caller's own view of the center: no cache, no
    // proxy and no browser history keeps them. A route serving files may set its own.
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error, req, reply) => {
    const { status, body } = toErrorResponse(error);
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    else req.log.info({ code: body.code, msg: body.message }, 'request refused');
    void reply.status(status).send(body);
  });

  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ code: ReasonCode.NotFound, message: `no route ${req.method} ${req.url}` });
  });
}
