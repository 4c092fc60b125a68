import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { normalizePath, type Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import { precompressAssets } from './client/build/precompressAssets'

const root = fileURLToPath(new URL('.', import.meta.url))

// Font files (the Noto Sans TC unicode-range slices, tldraw's fonts) stay separate files: the
// browser fetches only the slices a board's text needs. Inlined as base64 they sat in the
// board's CSS, downloaded on every cold open whether used or not.
const FONT_FILE = /\.(?:woff2?|ttf|otf)(?:[?#]|$)/i

// tldraw's translations/languages.json (from getAssetUrlsByImport) stays a file too: tldraw
// never fetches it; inlined, it was 3.4 kB of base64 in the board chunk. (Other small JSON, such
// as the 3-byte en.json tldraw does fetch at mount, stays inlined: no request on the way.)
const TLDRAW_LANGUAGE_LIST = /[\\/]@tldraw[\\/]assets[\\/]translations[\\/]languages\.json(?:[?#]|$)/

// tldraw's embed-dialog icons (21 PNGs, ~23 kB) stay files as well. Inlined they were base64 in
// the board chunk, which gzip cannot shrink: on the critical path of every cold open, and
// downloaded again after every deploy (the chunk's hash changes, theirs do not). tldraw fetches
// them itself after the editor has mounted (AssetUrlsProvider preloads them for the dialog).
const TLDRAW_EMBED_ICON = /[\\/]@tldraw[\\/]assets[\\/]embed-icons[\\/]/

const FONT_FACE_RULE = /@font-face\{[^{}]*\}/g

/**
 * Puts @font-face rules that share a unicode-range next to each other in the built CSS. Noto
 * Sans TC's 400 and 700 weights each bring ~105 slices whose long unicode-range lists are
 * identical per slice; side by side, gzip stores the second list almost free (−32 kB gzipped
 * for the board). Order among @font-face rules does not matter when no two describe the same
 * face, so only their order changes, at the place of the first one.
 */
function interleaveFontFaces(): Plugin {
  const unicodeRange = (rule: string) => /unicode-range:([^;}]*)/.exec(rule)?.[1] ?? ''
  return {
    name: 'civic-canvas:interleave-font-faces',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const asset of Object.values(bundle)) {
        if (asset.type !== 'asset' || !asset.fileName.endsWith('.css') || typeof asset.source !== 'string') continue
        const rules = asset.source.match(FONT_FACE_RULE)
        if (rules === null || rules.length < 2) continue
        const sorted = rules
          .map((rule, order) => ({ rule, order, range: unicodeRange(rule) }))
          .sort((a, b) => (a.range < b.range ? -1 : a.range > b.range ? 1 : a.order - b.order))
          .map(({ rule }) => rule)
          .join('')
        let first = true
        asset.source = asset.source.replace(FONT_FACE_RULE, () => {
          if (!first) return ''
          first = false
          return sorted
        })
      }
    },
  }
}

/** The module that stands in for `@tiptap/core` in the built app. */
const TIPTAP_CORE_WITH_SCHEMA_CACHE = normalizePath(`${root}client/src/text/tiptapCore.ts`)

/**
 * Points every import of `@tiptap/core` (tldraw's included) at client/src/text/tiptapCore.ts:
 * the package re-exported with a `generateHTML` that builds its schema once per extension list
 * instead of on every call (~300 ms less main-thread work opening a 1,000-shape board; see that
 * module). Its own import of the package resolves as usual. Build only: in `vite` dev tldraw is
 * pre-bundled without project plugins, and the tests run tldraw from node_modules.
 */
export function cachedTiptapSchema(): Plugin {
  return {
    name: 'civic-canvas:cached-tiptap-schema',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== '@tiptap/core' || importer === undefined) return null
      // Compared as Vite writes module ids (forward slashes, also on Windows), without a query.
      if (normalizePath(importer.split('?')[0]!) === TIPTAP_CORE_WITH_SCHEMA_CACHE) return null
      return TIPTAP_CORE_WITH_SCHEMA_CACHE
    },
  }
}

export default defineConfig({
  root: `${root}client`,
  plugins: [react(), interleaveFontFaces(), cachedTiptapSchema(), precompressAssets()],
  build: {
    outDir: `${root}dist/client`,
    emptyOutDir: true,
    // dist/client/.vite/manifest.json: the server reads the board chunk's file names from it to
    // preload them on /b/<id> pages (server/http/boardPreload.ts).
    manifest: true,
    chunkSizeWarningLimit: 4000,
    // false: never inline; undefined: Vite's default size rule (4 kB) for everything else.
    assetsInlineLimit: (file: string) =>
      FONT_FILE.test(file) || TLDRAW_LANGUAGE_LIST.test(file) || TLDRAW_EMBED_ICON.test(file) ? false : undefined,
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
