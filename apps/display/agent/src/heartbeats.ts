import { createCenterClient } from '@novbe/protocol';
import type { Logger } from 'pino';
import type { DeviceHealth, HealthSnapshot } from './device-health';
import type { DeviceIdentity, IdentityStore } from './identity-store';

/** The agent's version, as heartbeats report it. */
export const DISPLAY_AGENT_VERSION = '0.1.0';

/**
 * One round of heartbeats: the display's, with the whole PC's report, and each counter board's,
 * with its own counter's boards and keypads only, so the admin sees each beside its device.
 */
export async function sendHeartbeats(options: {
  readonly serverUrl: string;
  readonly identities: IdentityStore;
  readonly health: DeviceHealth;
  readonly snapshot: HealthSnapshot;
  readonly log: Logger;
}): Promise<void> {
  const { identities, health, snapshot, log } = options;
  const detail = health.detail(snapshot);
  const common = {
    appVersion: DISPLAY_AGENT_VERSION,
    link: snapshot.link === 'live' ? ('online' as const) : ('offline' as const),
  };
  const send = async (identity: DeviceIdentity, text: string) => {
    const client = createCenterClient({
      baseUrl: options.serverUrl,
      token: identity.token,
      timeoutMs: 5_000,
    });
    await client.heartbeat({ body: { ...common, detail: text } });
  };
  const sends: Promise<void>[] = [];
  const display = identities.display;
  if (display)
    sends.push(
      send(display, detail).then(
        () => health.told(detail),
        (e: unknown) => log.warn({ err: (e as Error).message }, 'heartbeat failed'),
      ),
    );
  for (const counterId of identities.counterIds) {
    const units = new Map([...snapshot.units].filter(([, c]) => c === counterId));
    const own = health.detail({
      ...snapshot,
      units,
      boardsOffline: snapshot.boardsOffline.filter((u) => units.has(u)),
      keypads: snapshot.keypads.filter((k) => k.counterId === counterId),
      countersWithoutToken: [],
    });
    sends.push(
      send(identities.counter(counterId)!, own).catch((e: unknown) =>
        log.debug({ counterId, err: (e as Error).message }, 'counter-board heartbeat failed'),
      ),
    );
  }
  await Promise.all(sends);
}
