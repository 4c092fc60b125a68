import { createReadStream } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { boardTag, type Logger } from '../log'
import { tooLarge, type AssetStore } from './assetStore'
import { acceptedMimeType } from './imageType'

/** What the asset routes need. */
export interface AssetRouteOptions {
  store: AssetStore
  log: Logger
  /**
   * Whether this request may upload to this board. Open when absent; with tokens it checks
   * `Authorization: Bearer <token>` for a participant or facilitator of the board.
   */
  mayUpload?: (req: IncomingMessage, boardId: string) => boolean | Promise<boolean>
}

const UPLOAD_PATH = /^\/api\/boards\/([^/]+)\/assets$/
const ASSET_PATH = /^\/api\/assets\/([^/]+)\/([^/]+)$/
const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * Handles `POST /api/boards/<id>/assets` and `GET /api/assets/<id>/<file>`; answers false
 * (and touches nothing) for any other path.
 */
export async function handleAssetRoute(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  options: AssetRouteOptions,
): Promise<boolean> {
  const method = req.method ?? 'GET'
  const upload = UPLOAD_PATH.exec(pathname)
  if (upload) {
    if (method !== 'POST') {
      sendJson(res, 405, { error: 'Use POST with the image as the body to upload an asset.' })
      return true
    }
    await receiveUpload(req, res, upload[1]!, options)
    return true
  }
  const served = ASSET_PATH.exec(pathname)
  if (served) {
    if (method !== 'GET' && method !== 'HEAD') {
      sendJson(res, 405, { error: 'Assets are read with GET.' })
      return true
    }
    const asset = await options.store.find(served[1]!, served[2]!)
    if (!asset) {
      sendJson(res, 404, { error: 'No such asset on this board.' })
      return true
    }
    res.statusCode = 200
    res.setHeader('Content-Type', asset.mimeType)
    res.setHeader('Content-Length', asset.size)
    res.setHeader('Cache-Control', IMMUTABLE)
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
    // Opened on its own, an SVG is a document: it may style itself and do nothing else.
    if (asset.mimeType === 'image/svg+xml') res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
    if (method === 'HEAD') res.end()
    else createReadStream(asset.path).pipe(res)
    return true
  }
  return false
}

async function receiveUpload(req: IncomingMessage, res: ServerResponse, boardId: string, options: AssetRouteOptions) {
  const { store, log } = options
  if (options.mayUpload && !(await options.mayUpload(req, boardId))) {
    return refuseEarly(req, res, 403, 'This link may not add images to the board: ask the facilitator for a participant link.')
  }
  const claimed = acceptedMimeType(req.headers['content-type'])
  if (!claimed) {
    return refuseEarly(req, res, 415, `Content-Type ${JSON.stringify(req.headers['content-type'] ?? '')} is not accepted: upload image/png, image/jpeg, image/webp or image/svg+xml.`)
  }
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > store.maxBytes) return refuseEarly(req, res, 413, tooLarge(store.maxBytes).error)

  const chunks: Buffer[] = []
  let size = 0
  let overflow = false
  await new Promise<void>((resolve, reject) => {
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > store.maxBytes) {
        overflow = true
        req.pause()
        resolve()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', resolve)
    req.on('error', reject)
  })
  if (overflow) return refuseEarly(req, res, 413, tooLarge(store.maxBytes).error)

  const result = await store.save(boardId, Buffer.concat(chunks), claimed)
  if (!result.ok) {
    log.log('info', 'asset refused', { board: boardTag(boardId), status: result.status, bytes: size })
    return sendJson(res, result.status, { error: result.error })
  }
  log.log('info', 'asset stored', { board: boardTag(boardId), bytes: size, type: claimed })
  sendJson(res, 201, { url: result.url })
}

/** Answers before the body is read, then closes the connection rather than reading megabytes we refused. */
function refuseEarly(req: IncomingMessage, res: ServerResponse, status: number, error: string) {
  res.setHeader('Connection', 'close')
  sendJson(res, status, { error })
  res.on('finish', () => req.destroy())
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.end(text)
}
