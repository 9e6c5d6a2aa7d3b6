import type { HandlerMap } from '@novbe/protocol';
import { agentMethods } from '../agent-methods';

/** A small handler map for the carrier tests: it answers from memory and remembers what it was asked. */
export type SampleHandlers = {
  'echo-status': () => Promise<{ ready: boolean }>;
  'echo-params': (params: { text: string }) => Promise<{ text: string }>;
  /** Throws, as an agent does for a state it cannot answer from. */
  'echo-fail': () => Promise<never>;
};

export type SampleEvent = { type: 'status'; ready: boolean };

export const SAMPLE_METHODS = agentMethods<SampleHandlers>()(['echo-status', 'echo-params', 'echo-fail']);

/** A sample agent: `handlers`, the calls it heard, events it can emit, and how often it was closed. */
export function sampleAgent() {
  const calls: { method: string; params: unknown }[] = [];
  const listeners = new Set<(event: SampleEvent) => void>();
  let closed = 0;
  const handlers = {
    'echo-status': async () => {
      calls.push({ method: 'echo-status', params: undefined });
      return { ready: true };
    },
    'echo-params': async (params) => {
      calls.push({ method: 'echo-params', params });
      return { text: params.text };
    },
    'echo-fail': async () => {
      throw new Error('nothing to answer yet');
    },
  } satisfies SampleHandlers & HandlerMap;
  return {
    handlers: handlers as SampleHandlers,
    calls,
    get closed() {
      return closed;
    },
    onEvent(listener: (event: SampleEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event: SampleEvent) {
      for (const l of listeners) l(event);
    },
    async close() {
      closed++;
    },
  };
}
