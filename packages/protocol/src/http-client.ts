import { z } from 'zod';
import type { DeviceHeartbeat } from './auth';
import {
  LoggedIn,
  PairingCode,
  Paired,
  type LoginRequest,
  type PairingCodeRequest,
  type PairRequest,
} from './auth';
import { AppointmentList, AppointmentView, FreeSlots, type BookAppointment } from './appointments';
import { CounterCommandResult, type CounterCommand } from './counters';
import { ErrorBody, ProtocolError, ReasonCode } from './errors';
import { Snapshot } from './events';
import {
  IssuedTicket,
  LeaseResponse,
  SyncResult,
  TicketView,
  WaitEstimateView,
  type IssueRequest,
  type LeaseRequest,
  type SyncRequest,
} from './tickets';
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

export const ServiceEstimate = z.object({
  serviceId: z.string(),
  waiting: z.number().int().nonnegative(),
  estimate: WaitEstimateView.nullable(),
});
export type ServiceEstimate = z.infer<typeof ServiceEstimate>;

export const Health = z.object({ status: z.literal('ok'), protocol: z.number(), seq: z.number() });
export type Health = z.infer<typeof Health>;

/**
 * The typed HTTP client of the center server, shared by kiosks, displays, the console and
 * the CLI. Responses are validated with the same schemas the server uses; a failure is a
 * `ProtocolError` with the server's reason code.
 */
export class CenterClient {
  constructor(readonly options: ClientOptions) {}

  /** The same client acting with another token. */
  withToken(token: string): CenterClient {
    return new CenterClient({ ...this.options, token });
  }

  async #request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    // A timer cleared with the answer, not `AbortSignal.timeout`: that one lives on for the
    // whole timeout after every request, and a busy client carries thousands of them.
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new DOMException('the server did not answer in time', 'TimeoutError')),
      this.options.timeoutMs ?? 10_000,
    );
    let response: HttpAnswer;
    let text: string;
    try {
      response = await (this.options.fetch ?? fetch)(new URL(path, this.options.baseUrl), {
        method,
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
    const json: unknown = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = ErrorBody.safeParse(json);
      if (error.success) throw new ProtocolError(error.data.code, error.data.message, response.status);
      throw new ProtocolError(
        ReasonCode.Internal,
        `HTTP ${response.status}: ${text.slice(0, 200)}`,
        response.status,
      );
    }
    return schema.parse(json);
  }

  health() {
    return this.#request('GET', '/health', Health);
  }

  createPairingCode(req: PairingCodeRequest) {
    return this.#request('POST', '/v1/pairing-codes', PairingCode, req);
  }

  pair(req: PairRequest) {
    return this.#request('POST', '/v1/pair', Paired, req);
  }

  login(req: LoginRequest) {
    return this.#request('POST', '/v1/login', LoggedIn, req);
  }

  issueTicket(req: IssueRequest) {
    return this.#request('POST', '/v1/tickets', IssuedTicket, req);
  }

  syncTickets(req: SyncRequest) {
    return this.#request('POST', '/v1/tickets/sync', SyncResult, req);
  }

  leaseNumbers(req: LeaseRequest) {
    return this.#request('POST', '/v1/leases', LeaseResponse, req);
  }

  /** Cancels a ticket; an id the server never saw is remembered so it cannot arrive later. */
  cancelTicket(ticketId: string) {
    return this.#request(
      'POST',
      `/v1/tickets/${encodeURIComponent(ticketId)}/cancel`,
      z.union([TicketView, z.object({ id: z.string(), cancelled: z.literal('unseen') })]),
      {},
    );
  }

  ticket(ticketId: string) {
    return this.#request('GET', `/v1/tickets/${encodeURIComponent(ticketId)}`, TicketView);
  }

  counterCommand(counterId: string, command: CounterCommand) {
    return this.#request(
      'POST',
      `/v1/counters/${encodeURIComponent(counterId)}/commands`,
      CounterCommandResult,
      command,
    );
  }

  bookAppointment(req: BookAppointment) {
    return this.#request('POST', '/v1/appointments', AppointmentView, req);
  }

  findAppointments(fin: string) {
    return this.#request('POST', '/v1/appointments/lookup', AppointmentList, { fin });
  }

  freeSlots(serviceId: string, date: string) {
    return this.#request(
      'GET',
      `/v1/appointments/slots?serviceId=${encodeURIComponent(serviceId)}&date=${date}`,
      FreeSlots,
    );
  }

  serviceEstimate(serviceId: string, priority: 'regular' | 'priority' | 'appointment' = 'regular') {
    return this.#request(
      'GET',
      `/v1/services/${encodeURIComponent(serviceId)}/estimate?priority=${priority}`,
      ServiceEstimate,
    );
  }

  heartbeat(status: DeviceHeartbeat) {
    return this.#request(
      'POST',
      '/v1/devices/heartbeat',
      z.object({ ok: z.literal(true), seq: z.number() }),
      status,
    );
  }

  center() {
    return this.#request('GET', '/v1/center', z.record(z.string(), z.unknown()));
  }

  snapshot() {
    return this.#request('GET', '/v1/snapshot', Snapshot);
  }
}
