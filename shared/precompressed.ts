/**
 * Compressed copies of the built client's files, written by the build next to each file
 * (client/build/precompressAssets.ts) and served in its place to browsers that accept them
 * (server/http/staticFiles.ts). Preferred first: Brotli (browsers send it only over HTTPS),
 * then gzip (every browser, plain HTTP included).
 */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const

export type ContentEncoding = (typeof PRECOMPRESSED)[number]['encoding']

/**
 * Text the build compresses: code, styles, JSON, SVG, and fonts not compressed inside
 * (WOFF and WOFF2 are). HTML is not: the server adds the board chunk's preload tags to
 * index.html as it serves it (boardPreload.ts).
 */
const COMPRESSIBLE = /\.(?:js|mjs|css|json|map|svg|txt|xml|webmanifest|wasm|ttf|otf)$/i

/** Smaller files gain too little to be worth a second request path. */
export const MIN_PRECOMPRESS_BYTES = 1024

/** Whether the build writes compressed copies of a file with this name. */
export function isPrecompressible(file: string): boolean {
  return COMPRESSIBLE.test(file)
}
