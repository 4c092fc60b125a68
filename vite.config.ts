import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))

// Font files (the Noto Sans TC unicode-range slices, tldraw's fonts) stay separate files: the
// browser fetches only the slices a board's text needs. Inlined as base64 they sat in the
// board's CSS, downloaded on every cold open whether used or not.
const FONT_FILE = /\.(?:woff2?|ttf|otf)(?:[?#]|$)/i

export default defineConfig({
  root: `${root}client`,
  plugins: [react()],
  build: {
    outDir: `${root}dist/client`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // false: never inline; undefined: Vite's default size rule (4 kB) for everything else.
    assetsInlineLimit: (file: string) => (FONT_FILE.test(file) ? false : undefined),
  },
  server: {
    proxy: {
      '/ws': { target: 'ws://127.0.0.1:1234', ws: true },
      '/api': 'http://127.0.0.1:1234',
    },
  },
  test: {
    root,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root,
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts', 'tests/persistence/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          root,
          environment: 'happy-dom',
          include: ['tests/binding/**/*.test.ts', 'tests/client/**/*.test.{ts,tsx}'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          root,
          environment: 'node',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
