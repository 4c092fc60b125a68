import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Logger, Plugin } from 'vite'
import { MIN_PRECOMPRESS_BYTES, PRECOMPRESSED, isPrecompressible, type ContentEncoding } from '../../shared/precompressed'

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

/** Highest settings: each build compresses its files once, and every visit downloads them. */
const COMPRESS: Record<ContentEncoding, (bytes: Buffer) => Promise<Buffer>> = {
  br: (bytes) =>
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  gzip: (bytes) => gzipped(bytes, { level: constants.Z_BEST_COMPRESSION }),
}

/** What `precompressDirectory` wrote. */
export interface PrecompressSummary {
  files: number
  bytes: number
  compressed: Record<ContentEncoding, number>
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((entry) => {
      // Vite's own folder (.vite/manifest.json) is read by the server, never sent.
      if (entry.name.startsWith('.')) return []
      const path = join(dir, entry.name)
      return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : []
    }),
  )
  return nested.flat()
}

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy next to every compressible file of `dir`
 * of at least MIN_PRECOMPRESS_BYTES (shared/precompressed.ts), each only when it is smaller
 * than the file. Runs on libuv's thread pool, several files at once.
 */
export async function precompressDirectory(dir: string): Promise<PrecompressSummary> {
  const summary: PrecompressSummary = { files: 0, bytes: 0, compressed: { br: 0, gzip: 0 } }
  const files = (await filesUnder(dir)).filter(isPrecompressible)
  await Promise.all(
    files.map(async (file) => {
      if ((await stat(file)).size < MIN_PRECOMPRESS_BYTES) return
      const bytes = await readFile(file)
      summary.files++
      summary.bytes += bytes.length
      await Promise.all(
        PRECOMPRESSED.map(async ({ encoding, suffix }) => {
          const compressed = await COMPRESS[encoding](bytes)
          if (compressed.length >= bytes.length) return
          await writeFile(file + suffix, compressed)
          summary.compressed[encoding] += compressed.length
        }),
      )
    }),
  )
  return summary
}

/**
 * Compresses the build's output once it is written (public files such as sw.js included),
 * so the server sends browsers about a quarter of the bytes without compressing on every
 * request (a cold board open: 600 kB over HTTP instead of 2.5 MB).
 */
export function precompressAssets(): Plugin {
  let outDir = ''
  let logger: Logger | null = null
  return {
    name: 'civic-canvas:precompress-assets',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
      logger = config.logger
    },
    async closeBundle() {
      const summary = await precompressDirectory(outDir)
      const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`
      logger?.info(
        `precompressed ${summary.files} files, ${kB(summary.bytes)}: brotli ${kB(summary.compressed.br)}, gzip ${kB(summary.compressed.gzip)}`,
      )
    },
  }
}
