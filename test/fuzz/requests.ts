/**
 * The fuzz's requests, derived from the contract table: for every route, requests whose
 * params, query and body fit the route's schemas, requests with one part built to miss them,
 * and raw junk past the schemas (malformed JSON, wrong content types, bad path parameters,
 * odd headers and methods); sent by a caller the route admits, or now and then by another.
 * Plus first messages on the live event stream. Valid requests reuse a pool of ticket ids,
 * the center's own ids, FINs and instants near today, so they reach the server's rules and
 * not only its validation.
 */
import { centerDay, DispatchRules, LocalizedText, OpeningHours, type Center } from '@novbe/core';
import {
  allows,
  CalendarDate,
  contract,
  Fin,
  Id,
  Instant,
  MAX_INSTANT,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  StreamHello,
  Ulid,
  type RouteName,
  type RouteSpec,
} from '@novbe/protocol';
import fc from 'fast-check';
import type { z } from 'zod';
import { CALLER_NAMES, CALLERS, type CallerName } from './callers';
import {
  JUNK_AUTHORIZATION,
  JUNK_CONTENT_TYPES,
  JUNK_METHODS,
  JUNK_PATH_SEGMENTS,
  JUNK_PROTOCOL_HEADERS,
  JUNK_QUERIES,
  MALFORMED_BODIES,
} from './junk';
import { deriveArbitraries, type Arbitraries } from './zod-arbitrary';

/** What the valid requests draw on: the center as configured, and ids the server knows. */
export interface FuzzWorld {
  readonly center: Center;
  /** Ticket ids the valid requests issue, look up, cancel and call, again and again. */
  readonly ticketIds: readonly string[];
  readonly fins: readonly string[];
  /** Devices a valid request may revoke. */
  readonly doomedDeviceIds: readonly string[];
  /** Free appointment slots the server offered at the start. */
  readonly slots: readonly { readonly serviceId: string; readonly at: number }[];
  /** A staff login the valid login requests use, with its password. */
  readonly login: { readonly login: string; readonly password: string };
  readonly now: number;
}

export interface HttpCase {
  readonly kind: 'http';
  readonly route: RouteName;
  readonly caller: CallerName;
  /** valid: every part fits the route's schemas; miss: one part was built to fail; raw: junk. */
  readonly shape: 'valid' | 'miss' | 'raw';
  /** What a raw case does, for people reading a failure. */
  readonly note?: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** False when the case writes its own authorization header. */
  readonly callerAuth: boolean;
  readonly body?: string;
  /**
   * The params, query and body as the server will parse them, when the path reaches the route
   * (valid and miss cases): how the answer is judged.
   */
  readonly input?: { readonly params?: unknown; readonly query?: unknown; readonly body?: unknown };
}

/** A connection to the live event stream and its first message. */
export interface StreamCase {
  readonly kind: 'stream';
  readonly caller: CallerName;
  /** A hello (its `token` filled in with the caller's when it says TOKEN), or raw text. */
  readonly message: { readonly hello: Record<string, unknown> } | { readonly text: string };
}

export type FuzzCase = HttpCase | StreamCase;

/** The counter commands of an ordinary day, in the order they come. */
const COUNTER_DAY = ['open', 'call-next', 'call-next', 'start', 'finish', 'no-show', 'recall'].map(
  (action) => ({
    action,
  }),
);

/** Routes that move the queue come up more often than the rest (weight 1). */
const ROUTE_WEIGHTS: Partial<Record<RouteName, number>> = {
  counterCommand: 4,
  issueTicket: 3,
  syncTickets: 2,
  cancelTicket: 2,
};
/** The counter each caller works: the board's own, where the operator opens it. */
const HOME_COUNTERS: Partial<Record<CallerName, string>> = {
  'counter board': 'counter-1',
  operator: 'counter-1',
  supervisor: 'counter-3',
};
/** Staff the callers log in as: `callers.ts`. */
const FUZZ_STAFF = new Set(['staff-aysel', 'staff-nigar', 'staff-tural']);

/** In a hello, where the caller's token goes. */
export const TOKEN = '<caller token>';
/** find-my-way's default: a longer path parameter matches no route. */
const MAX_PARAM_LENGTH = 100;
const DAY = 86_400_000;
const TIME_ZONES = ['Asia/Baku', 'UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu'];

/** A string as it arrives after UTF-8 on the wire: lone surrogates become U+FFFD. */
const wellFormed = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

/** The path of a route with its parameters encoded as a client does. */
function fillPath(spec: RouteSpec, params: Record<string, unknown> | undefined) {
  let routed = true;
  const path = spec.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const encoded = encodeURIComponent(wellFormed(String(params?.[name])));
    if (encoded.length === 0 || encoded.length > MAX_PARAM_LENGTH) routed = false;
    return encoded;
  });
  const decoded = Object.fromEntries(
    Object.entries(params ?? {}).map(([k, v]) => [k, wellFormed(String(v))]),
  );
  return { path, routed, decoded };
}

/** A query object as a client writes it, and as the server reads it back (strings, or arrays of them). */
function writeQuery(query: Record<string, unknown> | undefined) {
  const search = new URLSearchParams();
  const decoded: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).map((v) => wellFormed(String(v)));
    for (const v of values) search.append(key, v);
    if (values.length === 1) decoded[key] = values[0]!;
    else if (values.length > 1) decoded[key] = values;
  }
  const text = search.toString();
  return { search: text ? `?${text}` : '', decoded };
}

function jsonHeaders(body: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return headers;
}

interface Parts {
  params?: unknown;
  query?: unknown;
  body?: unknown;
}

/** An HTTP case from a route's parts, written as the typed client would write them. */
function writeCase(
  route: RouteName,
  spec: RouteSpec,
  caller: CallerName,
  shape: 'valid' | 'miss',
  parts: Parts,
): HttpCase {
  const { path, routed, decoded } = fillPath(spec, parts.params as Record<string, unknown> | undefined);
  const query = writeQuery(parts.query as Record<string, unknown> | undefined);
  const body = spec.body && parts.body !== undefined ? JSON.stringify(parts.body) : undefined;
  return {
    kind: 'http',
    route,
    caller,
    shape,
    method: spec.method,
    path: path + query.search,
    headers: jsonHeaders(body),
    callerAuth: true,
    ...(body !== undefined ? { body } : {}),
    ...(routed
      ? {
          input: {
            params: decoded,
            query: query.decoded,
            ...(spec.body ? { body: body === undefined ? undefined : (JSON.parse(body) as unknown) } : {}),
          },
        }
      : {}),
  };
}

/** The arbitraries of one fuzz run: every case it may send. */
export function fuzzCases(world: FuzzWorld): fc.Arbitrary<FuzzCase> {
  const hours = world.center.hours;
  const days = [-1, 0, 1, 2, 7].map((d) => centerDay(world.now + d * DAY, hours));
  const knownIds = [
    ...world.center.services.map((s) => s.id),
    ...world.center.counters.map((c) => c.id),
    ...world.center.halls.map((h) => h.id),
  ];
  const staffIds = world.center.staff.filter((s) => !s.roles.includes('admin')).map((s) => s.id);
  const serviceIds = world.center.services.map((s) => s.id);
  const counterIds = world.center.counters.map((c) => c.id);
  const hallIds = world.center.halls.map((h) => h.id);
  /** Counters of the operator's agency, where counter commands get past the ownership rules. */
  const ownCounters = ['counter-1', 'counter-2', 'counter-3', 'counter-4'];
  const arbs: Arbitraries = deriveArbitraries({
    overrides: new Map<z.core.$ZodType, fc.Arbitrary<unknown>>([
      [
        Ulid,
        fc.oneof(
          { arbitrary: fc.constantFrom(...world.ticketIds), weight: 4 },
          fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
        ),
      ],
      [
        Id,
        fc.oneof(
          { arbitrary: fc.constantFrom(...knownIds), weight: 4 },
          fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,39}$/),
        ),
      ],
      [
        Instant,
        fc.oneof(
          { arbitrary: fc.integer({ min: world.now - 2 * DAY, max: world.now + 2 * DAY }), weight: 4 },
          fc.integer({ min: 0, max: MAX_INSTANT }),
          fc.constantFrom(0, MAX_INSTANT),
        ),
      ],
      [
        Fin,
        fc.oneof(
          { arbitrary: fc.constantFrom(...world.fins), weight: 3 },
          fc.stringMatching(/^[0-9A-HJ-NP-Z]{7}$/),
        ),
      ],
      [
        CalendarDate,
        fc.oneof(
          { arbitrary: fc.constantFrom(...days), weight: 3 },
          fc.stringMatching(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d)$/),
        ),
      ],
      [OpeningHours.shape.timeZone, fc.constantFrom(...TIME_ZONES)],
    ]),
    fields: {
      serviceId: fc.constantFrom(...serviceIds),
      serviceIds: fc.subarray(serviceIds, { minLength: 1, maxLength: 4 }),
      counterId: fc.constantFrom(...counterIds),
      hallId: fc.constantFrom(...hallIds),
      hallIds: fc.subarray(hallIds),
      staffId: fc.constantFrom(...staffIds),
      // Offline numbers: a service's prefix or a kiosk's, a sequence from the day's first to far past it.
      number: fc
        .tuple(
          fc.constantFrom(...new Set(world.center.services.map((s) => s.prefix)), 'K1', 'K2', 'K99'),
          fc.oneof(
            { arbitrary: fc.integer({ min: 1, max: 999 }), weight: 4 },
            fc.constantFrom(999_999_999, 1_000_000_000, 2 ** 53 + 1, 1e20),
          ),
        )
        .map(([prefix, seq]) => `${prefix}-${BigInt(seq).toString().padStart(3, '0')}`),
    },
  });

  // Path parameters that name something the server has.
  const idHints: Partial<Record<RouteName, readonly string[]>> = {
    counterCommand: ownCounters,
    takeOverCounter: ownCounters,
    serviceEstimate: serviceIds,
    // Not the fuzz's own staff: a reset ends their sessions, and with them most of the counter work.
    setStaffPassword: staffIds.filter((id) => !FUZZ_STAFF.has(id)),
    revokeDevice: world.doomedDeviceIds,
  };
  const validParams = (route: RouteName, schema: z.ZodType) => {
    const hints = idHints[route];
    if (!hints?.length) return arbs.valid(schema);
    const own = arbs.valid((schema as z.ZodObject<{ id: z.ZodType }>).shape.id);
    return fc.record(
      { id: fc.oneof({ arbitrary: fc.constantFrom(...hints), weight: 4 }, own) },
      { noNullPrototype: true },
    );
  };
  // A booking of a slot the server offered, for a FIN the kiosks know.
  const booking = world.slots.length
    ? fc
        .tuple(fc.constantFrom(...world.slots), fc.constantFrom(...world.fins))
        .map(([slot, fin]) => ({ serviceId: slot.serviceId, slotAt: slot.at, fin }))
    : null;
  // A new configuration: mostly today's with another name, rules or hours (which may well be
  // put in force); now and then one made from the schema alone (which its checks refuse).
  const validBody = (route: RouteName, schema: z.ZodType) => {
    if (route === 'login')
      return fc.oneof({ arbitrary: fc.constant(world.login), weight: 2 }, arbs.valid(schema));
    if (route === 'bookAppointment' && booking)
      return fc.oneof({ arbitrary: booking, weight: 3 }, arbs.valid(schema));
    // A counter's day: mostly opening and calling, then starting and finishing.
    if (route === 'counterCommand')
      return fc.oneof(
        { arbitrary: fc.constantFrom(...COUNTER_DAY), weight: 3 },
        { arbitrary: arbs.valid(schema), weight: 2 },
      );
    if (route !== 'setCenter') return arbs.valid(schema);
    const variant = fc
      .record(
        {
          name: arbs.valid(LocalizedText),
          rules: arbs.valid(DispatchRules),
          hours: arbs.valid(OpeningHours),
        },
        { requiredKeys: [], noNullPrototype: true },
      )
      .map((changes) => ({ ...world.center, ...changes }));
    return fc.oneof({ arbitrary: variant, weight: 4 }, arbs.valid(schema));
  };

  // Slots of a service that takes appointments.
  const slotServices = world.center.services.filter((s) => s.appointmentSlotMin).map((s) => s.id);
  const validQuery = (route: RouteName, schema: z.ZodType) =>
    route === 'freeSlots' && slotServices.length
      ? fc.oneof(
          fc.record({ serviceId: fc.constantFrom(...slotServices), date: fc.constantFrom(...days) }),
          arbs.valid(schema),
        )
      : arbs.valid(schema);

  const routes = (Object.entries(contract) as [RouteName, RouteSpec][]).map(([route, spec]) => {
    // Mostly a caller the route admits; the doomed devices seldom (once revoked, they only get 401).
    const admitted = CALLER_NAMES.filter((c) => allows(spec.allow, CALLERS[c]));
    const caller = fc.oneof(
      ...admitted.map((c) => ({ arbitrary: fc.constant(c), weight: c.startsWith('doomed') ? 2 : 10 })),
      { arbitrary: fc.constantFrom(...CALLER_NAMES), weight: 4 * admitted.length },
    );
    const has = (['params', 'query', 'body'] as const).filter((p) => spec[p]);
    const valid: Record<keyof Parts, fc.Arbitrary<unknown>> = {
      params: spec.params ? validParams(route, spec.params) : fc.constant(undefined),
      query: spec.query ? validQuery(route, spec.query) : fc.constant(undefined),
      body: spec.body ? validBody(route, spec.body) : fc.constant(undefined),
    };
    const validCase =
      route === 'counterCommand'
        ? // Mostly at the caller's own counter, where a command can get past the ownership rules.
          caller.chain((c) =>
            fc
              .record({
                ...valid,
                params: fc.oneof(
                  { arbitrary: fc.constant({ id: HOME_COUNTERS[c] ?? 'counter-1' }), weight: 3 },
                  valid.params,
                ),
              })
              .map((parts) => writeCase(route, spec, c, 'valid', parts)),
          )
        : fc.tuple(caller, fc.record(valid)).map(([c, parts]) => writeCase(route, spec, c, 'valid', parts));
    const missCase = has.length
      ? fc
          .constantFrom(...has)
          .chain((part) =>
            fc
              .tuple(caller, fc.record({ ...valid, [part]: arbs.nearMiss(spec[part]!) }))
              .map(([c, parts]) => writeCase(route, spec, c, 'miss', parts)),
          )
      : validCase;
    const rawCase = fc
      .tuple(fc.constantFrom(...CALLER_NAMES), fc.record(valid))
      .chain(([c, parts]) => rawCases(spec, writeCase(route, spec, c, 'valid', parts)));
    return {
      arbitrary: fc.oneof(
        { arbitrary: validCase, weight: 6 },
        { arbitrary: missCase, weight: 3 },
        { arbitrary: rawCase, weight: 2 },
      ),
      weight: ROUTE_WEIGHTS[route] ?? 1,
    };
  });

  const stream: fc.Arbitrary<StreamCase> = fc.record({
    kind: fc.constant('stream' as const),
    caller: fc.constantFrom(...CALLER_NAMES),
    message: fc.oneof(
      {
        arbitrary: fc
          .record(
            {
              type: fc.constant('hello'),
              protocol: fc.constant(PROTOCOL_VERSION),
              token: fc.constant(TOKEN),
              since: fc.oneof(fc.nat(200), fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
            },
            { requiredKeys: ['type', 'protocol', 'token'], noNullPrototype: true },
          )
          .map((hello) => ({ hello })),
        weight: 4,
      },
      {
        arbitrary: fc
          .tuple(arbs.nearMiss(StreamHello), fc.boolean())
          .map(([hello, withToken]) =>
            hello !== null && typeof hello === 'object' && !Array.isArray(hello) && withToken
              ? { hello: { ...(hello as Record<string, unknown>), token: TOKEN } }
              : { text: JSON.stringify(hello) ?? '' },
          ),
        weight: 3,
      },
      { arbitrary: fc.constantFrom(...MALFORMED_BODIES, 'hello').map((text) => ({ text })), weight: 1 },
    ),
  });

  return fc.oneof({ arbitrary: stream, weight: 1 }, { arbitrary: fc.oneof(...routes), weight: 19 });
}

/** Junk past the schemas, around a well-formed case of the route. */
function rawCases(spec: RouteSpec, base: HttpCase): fc.Arbitrary<HttpCase> {
  const raw = (note: string, change: Partial<HttpCase>): HttpCase => {
    const { input: _input, ...rest } = { ...base, ...change, shape: 'raw' as const, note };
    return rest;
  };
  const [pathOnly] = base.path.split('?') as [string];
  const options: fc.Arbitrary<HttpCase>[] = [
    fc.constantFrom(...MALFORMED_BODIES).map((body) =>
      raw('malformed body', {
        method: spec.method === 'GET' ? 'POST' : spec.method,
        body,
        headers: { ...jsonHeaders(body) },
      }),
    ),
    fc.constantFrom(...JUNK_CONTENT_TYPES).map((type) => {
      const body = base.body ?? '{}';
      const headers: Record<string, string> = { ...jsonHeaders(body) };
      if (type) headers['content-type'] = type;
      else delete headers['content-type'];
      return raw(`content type "${type}"`, { headers, body });
    }),
    fc.constantFrom(...JUNK_QUERIES).map((q) => raw('junk query', { path: `${pathOnly}?${q}` })),
    fc
      .constantFrom(...JUNK_PROTOCOL_HEADERS)
      .map((v) => raw('protocol header', { headers: { ...base.headers, [PROTOCOL_HEADER]: v } })),
    fc
      .constantFrom(...JUNK_AUTHORIZATION)
      .map((v) =>
        raw('authorization header', { headers: { ...base.headers, authorization: v }, callerAuth: false }),
      ),
    fc.constantFrom(...JUNK_METHODS).map((method) => raw(`method ${method}`, { method })),
    // The same request on a GET: a body where none is expected.
    fc.constant(
      raw('body on a GET', {
        method: 'GET',
        body: base.body ?? '{"a":1}',
        headers: jsonHeaders(base.body ?? '{"a":1}'),
      }),
    ),
  ];
  if (spec.params)
    options.push(
      fc
        .constantFrom(...JUNK_PATH_SEGMENTS)
        .map((segment) => raw('junk path parameter', { path: spec.path.replace(/:([A-Za-z]+)/g, segment) })),
    );
  return fc.oneof(...options);
}
