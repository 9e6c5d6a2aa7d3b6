import { kioskMessages, type KioskMessages } from '@novbe/i18n';
import { createContext, useContext } from 'react';
import type { KioskState, KioskStore } from './kiosk-store';

export const StoreContext = createContext<KioskStore | null>(null);

/** Selects from the kiosk store; select narrowly (a value, an action, or `useShallow` for objects). */
export function useKiosk<T>(selector: (state: KioskState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useKiosk outside <StoreContext.Provider>');
  return store(selector);
}

/** The catalogue of the citizen's language. */
export function useMessages(): KioskMessages {
  return kioskMessages[useKiosk((s) => s.language)];
}
