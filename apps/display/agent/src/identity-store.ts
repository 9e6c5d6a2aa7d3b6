import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from './durable-file';

const DeviceIdentity = z.object({
  deviceId: z.string(),
  name: z.string(),
  token: z.string().min(1),
  serverUrl: z.string(),
  pairedAt: z.number(),
});
/** One paired device's token and who it is (the token is never logged). */
export type DeviceIdentity = z.infer<typeof DeviceIdentity>;

const DisplayIdentity = DeviceIdentity.extend({ hallIds: z.array(z.string()).nullable() });
export type DisplayIdentity = z.infer<typeof DisplayIdentity>;

const IdentityFile = z.object({
  display: DisplayIdentity.nullable(),
  /** counter id → that counter's counter-board device */
  counters: z.record(z.string(), DeviceIdentity),
});
export type Identities = z.infer<typeof IdentityFile>;

/**
 * The display PC's tokens: one `display` token (its hall screens and the event stream) and one
 * `counter-board` token per counter whose keypads it hosts. Kept in `identity.json` in the data
 * directory, owner-only and replaced atomically.
 */
export class IdentityStore {
  readonly path: string;
  #current: Identities;

  constructor(dataDir: string, onDamaged: (error: Error, keptAs: string) => void) {
    this.path = join(dataDir, 'identity.json');
    try {
      this.#current = IdentityFile.parse(readJsonFile(this.path) ?? { display: null, counters: {} });
    } catch (e) {
      // Without its tokens the PC pairs again; the damaged file stays for whoever looks into it.
      const keptAs = `${this.path}.damaged`;
      renameSync(this.path, keptAs);
      onDamaged(e as Error, keptAs);
      this.#current = { display: null, counters: {} };
    }
  }

  get display(): DisplayIdentity | null {
    return this.#current.display;
  }

  counter(counterId: string): DeviceIdentity | null {
    return this.#current.counters[counterId] ?? null;
  }

  get counterIds(): string[] {
    return Object.keys(this.#current.counters).sort();
  }

  saveDisplay(identity: DisplayIdentity): void {
    this.#save({ ...this.#current, display: identity });
  }

  saveCounter(counterId: string, identity: DeviceIdentity): void {
    this.#save({ ...this.#current, counters: { ...this.#current.counters, [counterId]: identity } });
  }

  #save(next: Identities): void {
    writeFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
    this.#current = next;
  }
}
