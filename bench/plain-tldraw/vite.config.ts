import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// A bare Vite + tldraw app, built the way the client is (same plugins), for the board-open and
// bundle benchmarks. Build: `vite build --config bench/plain-tldraw/vite.config.ts --outDir <tmp>`.
// index.html: tldraw only. shapes.html: tldraw plus our design-thinking shapes (to load our boards).
const root = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: { input: { index: `${root}index.html`, shapes: `${root}shapes.html` } },
  },
})
