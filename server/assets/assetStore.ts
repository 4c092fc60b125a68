import { createHash } from 'node:crypto'
import { mkdir, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isValidBoardId } from '../../shared/boardId'
import { ASSET_TYPES, mimeTypeForExtension, sniffImageType, type AssetMimeType } from './imageType'
import { sanitizeSvg, SvgSanitizeError } from './sanitizeSvg'

/** Where uploads go and how big one may be. */
export interface AssetStoreOptions {
  /** Directory holding one sub-directory per board (DATA_DIR/assets: outside the web root). */
  dir: string
  /** Largest accepted upload in bytes (ASSET_MAX_BYTES). */
  maxBytes: number
}

/** Why an upload was refused, with the HTTP status that says so. */
export interface AssetRefusal {
  ok: false
  status: 400 | 413 | 415
  error: string
}

export type AssetSaveResult = { ok: true; file: string; url: string } | AssetRefusal

/** A stored file found for serving. */
export interface StoredAsset {
  path: string
  mimeType: AssetMimeType
  size: number
}

/** Stored names are the content's SHA-256 and our extension: nothing an uploader chose. */
const STORED_NAME = /^([0-9a-f]{64})\.(png|jpg|webp|svg)$/

/** The public URL of a stored asset. */
export function assetUrl(boardId: string, file: string): string {
  return `/api/assets/${boardId}/${file}`
}

/** Images uploaded to boards, kept as content-addressed files under one directory. */
export interface AssetStore {
  readonly maxBytes: number
  /** Checks (size, real type vs the claimed one), sanitises SVG, and stores the bytes once. */
  save(boardId: string, bytes: Uint8Array, claimed: AssetMimeType): Promise<AssetSaveResult>
  /** The stored file for a URL's board and name, or null if there is none (or the name is not ours). */
  find(boardId: string, file: string): Promise<StoredAsset | null>
}

/** Creates the asset store over `options.dir` (created on first upload). */
export function createAssetStore(options: AssetStoreOptions): AssetStore {
  const { dir, maxBytes } = options

  async function save(boardId: string, bytes: Uint8Array, claimed: AssetMimeType): Promise<AssetSaveResult> {
    if (!isValidBoardId(boardId)) return { ok: false, status: 400, error: `"${boardId}" is not a valid board id.` }
    if (bytes.length > maxBytes) return tooLarge(maxBytes)
    if (bytes.length === 0) return { ok: false, status: 400, error: 'The upload is empty: send the image bytes as the request body.' }
    const actual = sniffImageType(bytes)
    if (actual !== claimed) {
      return {
        ok: false,
        status: 415,
        error: actual
          ? `The file is ${actual}, not ${claimed} as its Content-Type says. Send it with Content-Type: ${actual}.`
          : `The file is not a ${claimed} image (its content does not match). Upload a PNG, JPEG, WebP or SVG image.`,
      }
    }
    let content: Uint8Array = bytes
    if (actual === 'image/svg+xml') {
      try {
        content = Buffer.from(sanitizeSvg(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), 'utf8')
      } catch (error) {
        const reason = error instanceof SvgSanitizeError ? error.message : 'The SVG is not valid UTF-8 text.'
        return { ok: false, status: 415, error: `${reason} Fix or re-export the SVG, or upload a PNG instead.` }
      }
    }
    const file = `${createHash('sha256').update(content).digest('hex')}.${ASSET_TYPES[actual]}`
    const boardDir = join(dir, boardId)
    const target = join(boardDir, file)
    if (!(await exists(target))) {
      await mkdir(boardDir, { recursive: true })
      // Write then rename: a reader never sees half a file, and equal uploads land on one name.
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`
      await writeFile(temp, content)
      await rename(temp, target)
    }
    return { ok: true, file, url: assetUrl(boardId, file) }
  }

  async function find(boardId: string, file: string): Promise<StoredAsset | null> {
    const match = STORED_NAME.exec(file)
    if (!isValidBoardId(boardId) || !match) return null
    const mimeType = mimeTypeForExtension(match[2]!)
    if (!mimeType) return null
    const path = join(dir, boardId, file)
    try {
      const info = await stat(path)
      return info.isFile() ? { path, mimeType, size: info.size } : null
    } catch {
      return null
    }
  }

  return { maxBytes, save, find }
}

/** The refusal for an upload above the limit. */
export function tooLarge(maxBytes: number): AssetRefusal {
  const mib = (maxBytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')
  return { ok: false, status: 413, error: `The image is larger than this server accepts (${mib} MiB). Resize or compress it and try again.` }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}
