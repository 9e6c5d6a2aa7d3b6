import { contract, type Contract } from './contract';
import { ErrorBody, ProtocolError, ReasonCode } from './errors';
import { routeTarget, takesInput, type RouteInput, type RouteReply, type RouteSpec } from './route';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from './version';

export interface ClientOptions {
  /** e.g. `http://192.168.1.10:8080` */
  readonly baseUrl: string;
  readonly token?: string;
  /** Abort a request after this long; a kiosk falls back to offline issuing then. */
  readonly timeoutMs?: number;
  /** The global `fetch` unless given: a load generator may bring a lighter one. */
  readonly fetch?: HttpFetch;
}

/** What the client asks of `fetch`; the global one is such a function. */
export type HttpFetch = (
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string | undefined; signal: AbortSignal },
) => Promise<HttpAnswer>;

/** What the client reads of a `Response`. */
export interface HttpAnswer {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** One method per route of a contract: its input (when it takes any) in, its parsed reply out. */
export type ContractMethods<C extends Record<string, RouteSpec>> = {
  readonly [K in keyof C]: keyof RouteInput<C[K]> extends never
    ? () => Promise<RouteReply<C[K]>>
    : (input: RouteInput<C[K]>) => Promise<RouteReply<C[K]>>;
};

/**
 * The typed HTTP client of the center server, shared by kiosks, displays, the console and
 * the CLI: one method per route of the contract, e.g. `client.issueTicket({ body })`.
 */
export type CenterClient = ContractMethods<Contract> & {
  readonly options: ClientOptions;
  /** The same client acting with another token. */
  withToken(token: string): CenterClient;
};

/**
 * A client of the center server. Requests and answers are checked with the contract's
 * schemas; a refusal is a `ProtocolError` with the server's reason code and HTTP status.
 */
export function createCenterClient(options: ClientOptions): CenterClient {
  const methods: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(contract) as [string, RouteSpec][])
    methods[name] = takesInput(spec)
      ? (input: { params?: unknown; query?: unknown; body?: unknown }) => request(options, spec, input)
      : () => request(options, spec, {});
  return {
    ...(methods as ContractMethods<Contract>),
    options,
    withToken: (token) => createCenterClient({ ...options, token }),
  };
}

async function request(
  options: ClientOptions,
  spec: RouteSpec,
  input: { params?: unknown; query?: unknown; body?: unknown },
): Promise<unknown> {
  const body = spec.body ? spec.body.parse(input.body) : undefined;
  const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  // A timer cleared with the answer, not `AbortSignal.timeout`: that one lives on for the
  // whole timeout after every request, and a busy client carries thousands of them.
  const abort = new AbortController();
  const timer = setTimeout(
    () => abort.abort(new DOMException('the server did not answer in time', 'TimeoutError')),
    options.timeoutMs ?? 10_000,
  );
  let response: HttpAnswer;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(new URL(routeTarget(spec, input), options.baseUrl), {
      method: spec.method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: abort.signal,
    });
    text = await response.text();
  } catch (e) {
    throw new ProtocolError(ReasonCode.StorageUnavailable, `server unreachable: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    const error = ErrorBody.safeParse(parseJson(text));
    if (error.success) throw new ProtocolError(error.data.code, error.data.message, response.status);
    throw new ProtocolError(
      ReasonCode.Internal,
      `HTTP ${response.status}: ${text.slice(0, 200)}`,
      response.status,
    );
  }
  return spec.reply.parse(spec.produces ? text : parseJson(text));
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}
