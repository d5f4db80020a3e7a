import { defineConfig } from 'vite';

// `npm run dev` serves the page with hot reload and forwards the API to a `quell serve` on the default port.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or data-URL modules: the server's Content-Security-Policy allows only its own files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // The canvas chunk is bpmn-js with its modeler and properties panel (~430 KB gzip), loaded only by the canvas pages.
    chunkSizeWarningLimit: 1700,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:5080', '/mcp': 'http://127.0.0.1:5080', '/healthz': 'http://127.0.0.1:5080' },
  },
});
