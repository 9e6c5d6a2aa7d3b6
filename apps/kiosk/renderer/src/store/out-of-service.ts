import type { KioskOutOfServiceReason } from '@novbe/i18n';
import type { OutOfServiceReason } from '@novbe/protocol';
import type { KioskState } from './kiosk-store';

// Every reason the agent can give has words in the catalogue.
const _agentReasonsHaveWords: OutOfServiceReason extends KioskOutOfServiceReason ? true : never = true;
void _agentReasonsHaveWords;

/**
 * Whether the kiosk can serve a citizen now: `null` when it can, `starting` while it first
 * hears from its agent, else why not (the agent's reason, or the renderer's own: its agent is
 * unreachable, or there is no catalogue to show).
 */
export function outOfService(s: KioskState): KioskOutOfServiceReason | 'starting' | null {
  if (s.agent === 'connecting') return 'starting';
  if (s.agent === 'down') return 'agent-unreachable';
  if (!s.status) return 'starting';
  if (!s.status.inService) return s.status.reason ?? 'printer-error';
  if (!s.catalog) return s.catalogState === 'failed' ? 'catalog-unavailable' : 'starting';
  return null;
}
