import type { DisplayEvent, DisplayHandlers, ErrorBody, ScreenSetup } from '@novbe/protocol';

export const SERVER_URL = 'http://10.0.0.2:8080';

/**
 * A small display agent for the shell's tests (the agent itself is tested in apps/display/agent):
 * it answers from memory, remembers what it was asked, and refuses a code that is not 8 digits.
 */
export function sampleDisplayAgent() {
  const calls: { method: string; params: unknown }[] = [];
  const listeners = new Set<(event: DisplayEvent) => void>();
  let setup: ScreenSetup = { serverUrl: SERVER_URL, token: null };
  let closed = 0;
  const handlers: DisplayHandlers = {
    'screen-setup': async () => {
      calls.push({ method: 'screen-setup', params: undefined });
      return setup;
    },
    'screen-pair': async (params) => {
      calls.push({ method: 'screen-pair', params });
      if (!/^\d{8}$/.test(params.code)) throw new Error('not a pairing code');
      setup = { ...setup, token: 'display-token' };
      return setup;
    },
  };
  return {
    handlers,
    calls,
    get closed() {
      return closed;
    },
    onEvent(listener: (event: DisplayEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event: DisplayEvent) {
      for (const l of listeners) l(event);
    },
    errorBody: (error: unknown): ErrorBody => ({ code: 'bad-request', message: (error as Error).message }),
    async close() {
      closed++;
    },
  };
}
