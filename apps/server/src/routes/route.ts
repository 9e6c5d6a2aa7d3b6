import {
  allows,
  contract,
  type Allow,
  ReasonCode,
  type Contract,
  type RouteName,
  type RouteReply,
  type RouteSpec,
} from '@novbe/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { z } from 'zod';
import { HttpError } from '../errors';
import { rolesOf, type Principal, type PrincipalFor } from '../principal';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent the request, from its bearer token; null when anonymous. */
    principal: Principal | null;
  }
}

type Parsed<S, K extends 'params' | 'query' | 'body'> = S extends { [P in K]: infer Z extends z.ZodType }
  ? z.output<Z>
  : undefined;

/** What a route's handler gets: the principal its `allow` admits, and the parsed input. */
export interface RouteCall<S extends RouteSpec> {
  readonly principal: PrincipalFor<S['allow']>;
  readonly params: Parsed<S, 'params'>;
  readonly query: Parsed<S, 'query'>;
  readonly body: Parsed<S, 'body'>;
  readonly req: FastifyRequest;
  readonly reply: FastifyReply;
}

export type RouteHandler<K extends RouteName> = (
  call: RouteCall<Contract[K]>,
) => Promise<RouteReply<Contract[K]>> | RouteReply<Contract[K]>;

/**
 * The one guard: a route admits the principals its contract entry allows. Anonymous requests
 * to a guarded route get 401, principals without an allowed role 403.
 */
export function admit<A extends Allow>(allow: A, principal: Principal | null): PrincipalFor<A> {
  if (allow !== 'public') {
    if (!principal)
      throw new HttpError(401, ReasonCode.Unauthorized, 'a valid device token or staff session is required');
    if (!allows(allow, rolesOf(principal)))
      throw new HttpError(403, ReasonCode.Forbidden, `only ${allow.join(', ')} may do this`);
  }
  // Checked just above: the principal holds a role `allow` lists (or the route is public).
  return principal as PrincipalFor<A>;
}

/**
 * Registers the route of a contract entry: its input validated by the entry's schemas (after
 * the guard, so a stranger learns nothing of the shapes), its JSON answer by the reply schema.
 */
export function handle<K extends RouteName>(
  app: FastifyInstance,
  name: K,
  handler: RouteHandler<K>,
  config?: RouteOptions['config'],
): void {
  const spec: RouteSpec = contract[name];
  const schema: NonNullable<RouteOptions['schema']> = {};
  if (spec.params) schema.params = spec.params;
  if (spec.query) schema.querystring = spec.query;
  if (spec.body) schema.body = spec.body;
  // A text answer (CSV, metrics) goes out as it is; JSON is checked against the reply schema.
  if (!spec.produces) schema.response = { 200: spec.reply };
  app.route({
    method: spec.method,
    url: spec.path,
    schema,
    ...(config ? { config } : {}),
    preValidation: async (req) => void admit(spec.allow, req.principal),
    handler: async (req, reply) => {
      if (spec.produces) void reply.type(spec.produces);
      return handler({
        principal: req.principal,
        params: req.params,
        query: req.query,
        body: req.body,
        req,
        reply,
      } as RouteCall<Contract[K]>);
    },
  });
}
