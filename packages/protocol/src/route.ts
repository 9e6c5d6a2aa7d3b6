import { StaffRole } from '@novbe/core';
import type { z } from 'zod';
import { DeviceRole } from './auth';

/** Every role a principal can hold: a paired device's role, or a staff member's. */
export type Role = DeviceRole | StaffRole;
export const DEVICE_ROLES = DeviceRole.options;
export const STAFF_ROLES = StaffRole.options;

/** Who may call a route: anyone (`'public'`), or a principal holding one of these roles. */
export type Allow = 'public' | readonly Role[];

/** One HTTP route: what it takes, what it answers, and who may call it. */
export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: `/${string}`;
  /** One line for people: what the route does. */
  readonly summary: string;
  readonly allow: Allow;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly reply: z.ZodType;
  /** The media type of a text answer (CSV, Prometheus); JSON when absent. */
  readonly produces?: string;
}

/** Declares a route, keeping its literal types (the contract table is made of these). */
export function route<const S extends RouteSpec>(spec: S): S {
  return spec;
}

/** What a caller passes: the route's path parameters, query and body, each when it has one. */
export type RouteInput<S extends RouteSpec> = (S extends { params: infer P extends z.ZodType }
  ? { params: z.input<P> }
  : unknown) &
  (S extends { query: infer Q extends z.ZodType } ? { query: z.input<Q> } : unknown) &
  (S extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : unknown);

/** What a route answers, once its schema has parsed it. */
export type RouteReply<S extends RouteSpec> = z.output<S['reply']>;

/** Whether a route takes any input at all. */
export function takesInput(spec: RouteSpec): boolean {
  return Boolean(spec.params ?? spec.query ?? spec.body);
}

/** The request target of a route: path parameters filled in (encoded), then the query. */
export function routeTarget(spec: RouteSpec, input: { params?: unknown; query?: unknown }): string {
  const params = (input.params ?? {}) as Record<string, unknown>;
  const path = spec.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`${spec.path}: missing path parameter "${name}"`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries((input.query ?? {}) as Record<string, unknown>))
    if (value !== undefined) query.set(key, String(value));
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** Whether a principal with these roles may call a route that allows `allow`. */
export function allows(allow: Allow, roles: readonly Role[]): boolean {
  return allow === 'public' || roles.some((r) => allow.includes(r));
}
