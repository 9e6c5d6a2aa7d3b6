import { KioskStatus } from '@novbe/protocol';
import type { SliceCreator } from './kiosk-store';
import { validated } from './validated';

export interface StatusSlice {
  /** The link to this kiosk's own agent (not the center server: that is `status.link`). */
  agent: 'connecting' | 'up' | 'down';
  status: KioskStatus | null;
  /** Asks the agent its status (on each new connection, and now and then as a safety net). */
  refreshStatus(): Promise<void>;
  agentLost(): void;
  /** A status event from the agent. */
  applyStatus(status: KioskStatus): void;
}

export const createStatusSlice: SliceCreator<StatusSlice> =
  ({ bridge }) =>
  (set, get) => {
    const apply = (status: KioskStatus) => {
      const wasInService = get().status?.inService ?? false;
      set({ agent: 'up', status });
      // No catalogue yet, or back in service (paired, configured, paper in): the services may
      // have changed meanwhile.
      if (!get().catalog || (status.inService && !wasInService)) void get().loadCatalog();
    };
    return {
      agent: 'connecting',
      status: null,
      async refreshStatus() {
        const result = validated(KioskStatus, await bridge.invoke('kiosk-status'));
        if (result.ok) apply(result.value);
        else set({ agent: 'down' });
      },
      agentLost() {
        set({ agent: 'down' });
      },
      applyStatus: apply,
    };
  };
