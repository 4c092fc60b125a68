import type { TLAsset, TLAssetStore } from 'tldraw'

/** Image types our server accepts (it checks the bytes too). */
export const UPLOADABLE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const

export type AssetUploadFailure = 'unsupported-type' | 'too-large' | 'refused' | 'network' | 'server'

/** An upload the server refused or could not take; `reason` picks the translated message. */
export class AssetUploadError extends Error {
  constructor(
    readonly reason: AssetUploadFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'AssetUploadError'
  }
}

export interface ServerAssetStoreOptions {
  boardId: string
  /** Origin of our server; defaults to the page's own (relative URLs). */
  baseUrl?: string
  /** The board link's token, sent as `Authorization: Bearer`; read at upload time. */
  getToken?: () => string | null | undefined
  /** Injected in tests. */
  fetch?: typeof fetch
}

/**
 * tldraw's asset store backed by our server: pasted, dropped and avatar images are uploaded
 * to `POST /api/boards/<id>/assets` and the document keeps only the returned URL, never the
 * image itself as base64.
 */
export function createServerAssetStore(options: ServerAssetStoreOptions): TLAssetStore {
  const base = (options.baseUrl ?? '').replace(/\/$/, '')
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args))

  return {
    async upload(_asset: TLAsset, file: File, abortSignal?: AbortSignal) {
      const type = file.type.toLowerCase()
      if (!(UPLOADABLE_IMAGE_TYPES as readonly string[]).includes(type)) {
        throw new AssetUploadError('unsupported-type', `"${file.name}" (${type || 'unknown type'}) is not a PNG, JPEG, WebP or SVG image.`)
      }
      const headers: Record<string, string> = { 'Content-Type': type }
      const token = options.getToken?.()
      if (token) headers.Authorization = `Bearer ${token}`
      let res: Response
      try {
        res = await doFetch(`${base}/api/boards/${encodeURIComponent(options.boardId)}/assets`, {
          method: 'POST',
          headers,
          body: file,
          ...(abortSignal ? { signal: abortSignal } : {}),
        })
      } catch (error) {
        if (abortSignal?.aborted) throw error
        throw new AssetUploadError('network', `Could not reach the server to upload "${file.name}". Check the connection and try again.`)
      }
      const answer = (await res.json().catch(() => ({}))) as { url?: unknown; error?: unknown }
      if (!res.ok || typeof answer.url !== 'string') {
        const message = typeof answer.error === 'string' ? answer.error : `The server answered ${res.status} to the upload.`
        const reason: AssetUploadFailure =
          res.status === 413 ? 'too-large' : res.status === 415 ? 'unsupported-type' : res.status === 401 || res.status === 403 ? 'refused' : 'server'
        throw new AssetUploadError(reason, message, res.status)
      }
      return { src: `${base}${answer.url}` }
    },

    resolve(asset: TLAsset) {
      // Our URLs, or whatever an imported file carried (tldraw.com URLs, inline images from old files).
      return asset.props.src ?? null
    },
  }
}
