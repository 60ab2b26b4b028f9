import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** Where `npm run demo` listens; `vite --config web/vite.config.ts` proxies the API to it during development. */
const backend = process.env.WEB_BACKEND_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Polaris alone is past Vite's default warning size; the app is served from our own origin
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // the UI kit changes far less often than the app: its own long-cached file
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] },
      },
    },
  },
  server: {
    proxy: { '/api': backend, '/_demo': backend, '/feed': backend },
  },
});
