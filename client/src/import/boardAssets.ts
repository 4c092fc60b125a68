import type { TLRecord } from 'tldraw'

// Images in a board travel as URLs of our asset store (/api/assets/<board>/<sha256>.<ext>).
// A backup carries the images themselves; restoring uploads them to the new board and
// rewrites every URL that pointed at the old one, wherever it appears (image assets,
// persona avatars).

const ASSET_URL = /(?:https?:\/\/[^\s"'/]+)?\/api\/assets\/[A-Za-z0-9_-]{16,64}\/[0-9a-f]{64}\.(?:png|jpg|webp|svg)/g

/** Every asset-store URL mentioned anywhere in the records, once each. */
export function assetUrlsIn(records: readonly TLRecord[]): string[] {
  return [...new Set(JSON.stringify(records).match(ASSET_URL) ?? [])]
}

/** The records with every occurrence of each old URL replaced by its new one. */
export function rewriteUrls(records: readonly TLRecord[], replacements: ReadonlyMap<string, string>): TLRecord[] {
  if (replacements.size === 0) return [...records]
  let json = JSON.stringify(records)
  for (const [from, to] of replacements) json = json.split(JSON.stringify(from).slice(1, -1)).join(JSON.stringify(to).slice(1, -1))
  return JSON.parse(json) as TLRecord[]
}

/** Image assets whose `src` is inline (data: URL), as a .tldr file from tldraw.com carries them. */
export function inlineAssetSources(records: readonly TLRecord[]): string[] {
  const sources = new Set<string>()
  for (const record of records) {
    if (record.typeName !== 'asset') continue
    const src = (record.props as { src?: unknown }).src
    if (typeof src === 'string' && src.startsWith('data:')) sources.add(src)
  }
  return [...sources]
}

/** A data: URL as a File for upload; null if it is not base64 image data. */
export function dataUrlToFile(dataUrl: string, name: string): File | null {
  const match = /^data:([a-z]+\/[a-z0-9.+-]+)(?:;[^,]*)?;base64,(.*)$/is.exec(dataUrl)
  if (!match) return null
  const binary = atob(match[2]!.replace(/\s+/g, ''))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return new File([bytes], name, { type: match[1]!.toLowerCase() })
}

/** A blob as a data: URL. */
export async function blobToDataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return `data:${blob.type || 'application/octet-stream'};base64,${btoa(binary)}`
}
