import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dev server injects inline scripts (React Refresh, the HMR client) that the kiosk's CSP
 * forbids, so `vite dev` drops the CSP meta tag; `vite build` keeps it, and the tests check that
 * the built page runs under it without a single violation.
 */
function cspOnlyInBuild(): Plugin {
  return {
    name: 'novbe-csp-only-in-build',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, ''),
  };
}

export default defineConfig({
  root,
  // Relative URLs: the same build loads from novbe://kiosk/ in Electron and from any test server.
  base: './',
  plugins: [react(), cspOnlyInBuild()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Electron 41 and current Chromium: no legacy transforms, no module-preload polyfill.
    target: 'chrome120',
    modulePreload: { polyfill: false },
    // Fonts stay files (font-src 'self'), never inlined into the CSS.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
