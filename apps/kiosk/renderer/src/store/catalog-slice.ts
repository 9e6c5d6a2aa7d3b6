import { KioskCatalog } from '@novbe/protocol';
import type { SliceCreator } from './kiosk-store';
import { validated } from './validated';

export interface CatalogSlice {
  /** The center's agencies and services as the agent last gave them. */
  catalog: KioskCatalog | null;
  catalogState: 'loading' | 'ready' | 'failed';
  /** Fetches the catalogue; a failure keeps the last good one (the agent caches the config too). */
  loadCatalog(): Promise<void>;
}

export const createCatalogSlice: SliceCreator<CatalogSlice> =
  ({ bridge }) =>
  (set, get) => ({
    catalog: null,
    catalogState: 'loading',
    async loadCatalog() {
      const result = validated(KioskCatalog, await bridge.invoke('kiosk-catalog'));
      if (result.ok) set({ catalog: result.value, catalogState: 'ready' });
      else if (!get().catalog) set({ catalogState: 'failed' });
    },
  });
