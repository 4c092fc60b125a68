/** The image types the asset store accepts, with the extension each is stored under. */
export const ASSET_TYPES = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
} as const

export type AssetMimeType = keyof typeof ASSET_TYPES
export type AssetExtension = (typeof ASSET_TYPES)[AssetMimeType]

/** The accepted type named by a Content-Type header (parameters and case ignored), or null. */
export function acceptedMimeType(contentType: string | undefined): AssetMimeType | null {
  const bare = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  return bare in ASSET_TYPES ? (bare as AssetMimeType) : null
}

/** The mime type served for a stored file's extension, or null for anything we never store. */
export function mimeTypeForExtension(ext: string): AssetMimeType | null {
  for (const [mime, known] of Object.entries(ASSET_TYPES)) if (known === ext) return mime as AssetMimeType
  return null
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false
  return prefix.every((byte, i) => bytes[at + i] === byte)
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]
const RIFF = [0x52, 0x49, 0x46, 0x46]
const WEBP = [0x57, 0x45, 0x42, 0x50]

/**
 * What the bytes really are, judged by their magic numbers (and, for SVG, by the first
 * element being `<svg`), never by the name or header the uploader gave. Null if none of ours.
 */
export function sniffImageType(bytes: Uint8Array): AssetMimeType | null {
  if (startsWith(bytes, PNG)) return 'image/png'
  if (startsWith(bytes, JPEG)) return 'image/jpeg'
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp'
  if (looksLikeSvg(bytes)) return 'image/svg+xml'
  return null
}

/** An SVG is text whose first element, after an XML declaration, comments or a doctype, is <svg>. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '')
  let rest = head.trimStart()
  for (;;) {
    const skip = rest.startsWith('<?') ? '?>' : rest.startsWith('<!--') ? '-->' : /^<!doctype/i.test(rest) ? '>' : null
    if (skip === null) break
    const end = rest.indexOf(skip)
    if (end < 0) return false
    rest = rest.slice(end + skip.length).trimStart()
  }
  return /^<svg[\s>/]/.test(rest)
}
