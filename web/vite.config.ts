/**
 * Builds the web UI into `web/dist`, which `tergeu serve` serves. In development,
 * `npm run dev:web` proxies `/api` to a server started with `tergeu serve` on :8080.
 */
import { defineConfig } from 'vite'

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
})
