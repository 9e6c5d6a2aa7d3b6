import { KioskStatus } from '@novbe/protocol';
import type { AgentLink } from '../bridge/agent-link';
import type { KioskStore } from './kiosk-store';

/** How often the status is asked again even without an event, and retried when the agent is silent. */
export const STATUS_POLL_MS = 15_000;
export const STATUS_RETRY_MS = 2_000;

/**
 * Feeds the store from the agent link: a status fetch on every (re)connection, status events
 * (validated) as they come, and a slow poll as a safety net for a missed event. Returns the
 * function that stops it.
 */
export function wireAgentLink(link: AgentLink, store: KioskStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const poll = async () => {
    clearTimeout(timer);
    await store.getState().refreshStatus();
    if (stopped) return;
    timer = setTimeout(poll, store.getState().agent === 'up' ? STATUS_POLL_MS : STATUS_RETRY_MS);
  };

  const offConnection = link.onConnection((connected) => {
    if (connected) void poll();
    else {
      clearTimeout(timer);
      store.getState().agentLost();
    }
  });
  const offEvents = link.bridge.subscribe((event) => {
    if (event?.type !== 'status') return;
    const status = KioskStatus.safeParse(event.status);
    if (status.success) store.getState().applyStatus(status.data);
  });

  return () => {
    stopped = true;
    clearTimeout(timer);
    offConnection();
    offEvents();
  };
}
