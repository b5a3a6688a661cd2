// The web UI's build: Vite bundles web/ (Preact, d3 modules, the world-atlas country shapes) into dist/web,
// which `herodotus serve` serves at `/`. Everything is in the bundle: the page loads nothing from elsewhere.
// `npx vite --config web/vite.config.ts` runs a dev server that sends API requests to `herodotus serve` on :8080.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = ['/documents', '/events', '/actors', '/stats', '/export', '/info', '/network', '/places', '/cameo', '/corrections', '/openapi.json'];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // The country shapes are inlined as data, not fetched; keep the bundle in one file for the CSP's 'self'.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: Object.fromEntries(api.map((path) => [path, 'http://127.0.0.1:8080'])) },
});
