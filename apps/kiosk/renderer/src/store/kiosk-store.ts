import type { KioskBridge } from '@novbe/protocol';
import { create, type StateCreator, type UseBoundStore, type StoreApi } from 'zustand';
import type { RendererConfig } from '../config';
import { createCatalogSlice, type CatalogSlice } from './catalog-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createStatusSlice, type StatusSlice } from './status-slice';

/** The whole renderer state: one store, three slices. */
export type KioskState = SessionSlice & StatusSlice & CatalogSlice;

/** What every slice's actions reach: the agent (through the bridge) and the session timings. */
export interface StoreDeps {
  readonly bridge: KioskBridge;
  readonly config: Pick<RendererConfig, 'cardMs'>;
}

export type SliceCreator<Slice> = (deps: StoreDeps) => StateCreator<KioskState, [], [], Slice>;

export type KioskStore = UseBoundStore<StoreApi<KioskState>>;

/** Creates the kiosk store; actions call the bridge, then set. */
export function createKioskStore(deps: StoreDeps): KioskStore {
  return create<KioskState>()((...a) => ({
    ...createSessionSlice(deps)(...a),
    ...createStatusSlice(deps)(...a),
    ...createCatalogSlice(deps)(...a),
  }));
}
