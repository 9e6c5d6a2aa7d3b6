/**
 * What a fuzzed request's answer must be. Always: an answer, and never a 5xx. A caller the
 * route does not admit never succeeds. A request whose params, query or body the route's
 * schemas refuse is a 4xx. A 2xx JSON answer fits the route's reply schema. On the live event
 * stream: a valid hello from a watcher is welcomed, anything else is not.
 */
import {
  allows,
  contract,
  EVENT_STREAM,
  PROTOCOL_VERSION,
  StreamHello,
  type RouteSpec,
} from '@novbe/protocol';
import { CALLERS } from './callers';
import type { HttpCase, StreamCase } from './requests';
import type { RawAnswer } from './send';

/** Whether every part the route has fits its schema, as the server will parse it. */
export function fitsSchemas(c: HttpCase): boolean {
  const spec: RouteSpec = contract[c.route];
  const input = c.input ?? {};
  return (['params', 'query', 'body'] as const).every((part) => {
    const schema = spec[part];
    return !schema || schema.safeParse(input[part]).success;
  });
}

/** What is wrong with the answer to an HTTP case, or null. */
export function judgeHttp(c: HttpCase, answer: RawAnswer): string | null {
  if (!answer.ok) return answer.unsendable ? null : `no answer: ${answer.error}`;
  const { status } = answer;
  if (status >= 500) return `answered ${status}: ${answer.text.slice(0, 200)}`;
  if (!c.input) return null; // raw junk, or a path that reaches no route: any 4xx will do
  const spec: RouteSpec = contract[c.route];
  const admitted = allows(spec.allow, CALLERS[c.caller]);
  if (!admitted) {
    // 401 or 403 from the guard; 413, 414 or 431 when the request is too large to read at all.
    if ([401, 403, 413, 414, 431].includes(status)) return null;
    // The JSON parser refuses prototype keys before anyone is asked who is calling.
    if (status === 400 && /"(__proto__|constructor)"/.test(c.body ?? '')) return null;
    return `a caller the route does not admit got ${status}`;
  }
  if (!fitsSchemas(c)) return status >= 400 && status < 500 ? null : `input the schemas refuse got ${status}`;
  if (status >= 200 && status < 300 && !spec.produces) {
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      return `a ${status} answer that is not JSON`;
    }
    const parsed = spec.reply.safeParse(json);
    if (!parsed.success)
      return `a ${status} answer that does not fit the reply schema: ${parsed.error.message.slice(0, 200)}`;
  }
  return null;
}

/** How the stream answered its first message. */
export type StreamAnswer =
  | { readonly kind: 'message'; readonly type: string; readonly code?: string }
  | { readonly kind: 'closed'; readonly code: number; readonly reason: string }
  | { readonly kind: 'refused'; readonly status: number }
  | { readonly kind: 'silent' }
  | { readonly kind: 'failed'; readonly error: string };

/**
 * Whether the server must welcome the stream's first message as sent with `token`: true for a
 * valid hello from a watcher, false when it must not, null when it depends on what the fuzz did
 * meanwhile (a device it may have revoked).
 */
export function mustWelcome(c: StreamCase, sent: unknown, token: string | undefined): boolean | null {
  if (!('hello' in c.message) || token === undefined) return false;
  const parsed = StreamHello.safeParse(sent);
  const valid =
    parsed.success &&
    parsed.data.protocol === PROTOCOL_VERSION &&
    parsed.data.token === token &&
    allows(EVENT_STREAM.allow, CALLERS[c.caller]);
  if (!valid) return false;
  return c.caller.startsWith('doomed') ? null : true;
}

/** What is wrong with the stream's answer, or null. */
export function judgeStream(answer: StreamAnswer, welcome: boolean | null): string | null {
  switch (answer.kind) {
    case 'failed':
      return `no answer: ${answer.error}`;
    case 'silent':
      return 'the stream said nothing after the first message';
    case 'refused':
      if (answer.status >= 500) return `upgrade answered ${answer.status}`;
      return welcome ? `upgrade refused ${answer.status}` : null;
    case 'closed':
      return welcome ? `closed (${answer.code} ${answer.reason}) instead of a welcome` : null;
    case 'message':
      if (answer.type === 'error' && answer.code === 'internal') return 'an internal error';
      if (welcome === null) return null;
      if (welcome)
        return answer.type === 'welcome'
          ? null
          : `${answer.type} (${answer.code ?? ''}) instead of a welcome`;
      return answer.type === 'welcome' ? 'welcomed, though the hello was not valid' : null;
  }
}
