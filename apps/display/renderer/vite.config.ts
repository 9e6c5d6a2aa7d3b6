import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const voicePack = fileURLToPath(new URL('../voice/pack', import.meta.url));

/** The dev server's inline scripts break the CSP: `vite dev` drops the meta tag, the build keeps it. */
function cspOnlyInBuild(): Plugin {
  return {
    name: 'novbe-csp-only-in-build',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, ''),
  };
}

/** The voice pack goes beside the page as `voice/` (the announcer's relative base). */
function voicePackBeside(): Plugin {
  let outDir = '';
  return {
    name: 'novbe-voice-pack',
    apply: 'build',
    configResolved: (config) => {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle: () => cpSync(voicePack, join(outDir, 'voice'), { recursive: true }),
  };
}

export default defineConfig({
  root,
  // Relative URLs: the same build loads from the center server's /display/ and from novbe://display/.
  base: './',
  plugins: [react(), cspOnlyInBuild(), voicePackBeside()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome120',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
