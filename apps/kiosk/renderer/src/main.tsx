import type { KioskBridge } from '@novbe/protocol';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app';
import { preloadLink, type AgentLink } from './bridge/agent-link';
import { websocketLink } from './bridge/websocket-link';
import { parseRendererConfig, RendererConfigError } from './config';
import { OutOfServiceScreen } from './screens/out-of-service-screen';
import { wireAgentLink } from './store/agent-wiring';
import { createKioskStore } from './store/kiosk-store';
import { StoreContext } from './store/store-context';
import '@novbe/ui/styles.css';
import './styles/index.css';

declare global {
  interface Window {
    /** The Electron preload's bridge; absent in a plain browser. */
    readonly novbeKiosk?: KioskBridge;
  }
}

// Zod would probe `new Function` once to decide on its JIT; the kiosk's CSP forbids eval and
// reports even a caught attempt as a violation, so validation runs without the JIT.
z.config({ jitless: true });

const root = createRoot(document.getElementById('root')!);
// A touchscreen: no long-press menu, no dragging images or text out of the page.
window.addEventListener('contextmenu', (e) => e.preventDefault());
window.addEventListener('dragstart', (e) => e.preventDefault());

try {
  const preload = window.novbeKiosk;
  const config = parseRendererConfig(window.location.search, !preload);
  const link: AgentLink = preload ? preloadLink(preload) : websocketLink(config.agent!, config.token!);
  const store = createKioskStore({ bridge: link.bridge, config });
  wireAgentLink(link, store);
  root.render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <App timings={config} />
      </StoreContext.Provider>
    </StrictMode>,
  );
} catch (error) {
  if (!(error instanceof RendererConfigError)) throw error;
  // A setup mistake, not a citizen's: say "out of service" to them, the detail to the console.
  console.error(error.message);
  root.render(<OutOfServiceScreen reason="not-configured" />);
}
