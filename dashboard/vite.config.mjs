// The dashboard served at /app: one bundle (Chart.js included), no CDN, built into dist/app by
// `npm run build` (and by scripts/ensure-dashboard.mjs when dist/app is missing or older than these sources).
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  logLevel: 'warn',
  build: {
    outDir: '../dist/app',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 400,
    // No inline scripts or data: URLs for modules: the page runs under script-src 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
