import type { KioskEvent, KioskHandlers, KioskStatus } from '@novbe/protocol';

export const READY_STATUS: KioskStatus = {
  inService: true,
  reason: null,
  link: 'online',
  printer: 'ready',
  cardReader: 'absent',
  outbox: 0,
};

/**
 * A small agent for the carrier tests (the agent itself is tested in apps/kiosk/agent): it
 * answers from memory, remembers what it was asked, and throws where the real one would.
 */
export function sampleAgent() {
  const calls: { method: string; params: unknown }[] = [];
  const listeners = new Set<(event: KioskEvent) => void>();
  let closed = 0;
  const handlers: KioskHandlers = {
    'kiosk-status': async () => {
      calls.push({ method: 'kiosk-status', params: undefined });
      return READY_STATUS;
    },
    'kiosk-catalog': async () => {
      throw new Error('no center configuration cached yet');
    },
    'service-info': async (serviceId) => {
      calls.push({ method: 'service-info', params: serviceId });
      return { serviceId, waiting: 3, estimate: null };
    },
    'card-scan': async (params) => {
      calls.push({ method: 'card-scan', params });
      return { status: 'timeout' };
    },
    'card-cancel': async () => undefined,
    'ticket-issue': async (params) => {
      calls.push({ method: 'ticket-issue', params });
      return {
        id: '01JTESTTICKET0000000000000',
        number: 'A-042',
        serviceId: params.serviceId,
        language: params.language,
        issuedAt: Date.parse('2026-03-02T08:15:00.000Z'),
        offline: false,
        peopleAhead: 3,
        estimate: null,
        appointment: null,
      };
    },
  };
  return {
    handlers,
    calls,
    get closed() {
      return closed;
    },
    onEvent(listener: (event: KioskEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event: KioskEvent) {
      for (const l of listeners) l(event);
    },
    async close() {
      closed++;
    },
  };
}
