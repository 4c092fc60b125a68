import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { handleAssetRoute } from '../assets/assetRoutes'
import type { AssetStore } from '../assets/assetStore'
import { boardTag, errorFields, type Logger } from '../log'
import type { PersistenceAdapter } from '../persistence/adapter'
import { createStaticFiles, sendText } from './staticFiles'

/** A new board id: 128 random bits as 22 base64url characters. */
export function generateBoardId(): string {
  return randomBytes(16).toString('base64url')
}

/** What the HTTP routes need. */
export interface HttpRoutesOptions {
  persistence: PersistenceAdapter
  staticDir: string
  log: Logger
  /** Uploaded images (POST /api/boards/<id>/assets, GET /api/assets/<id>/<file>); no asset routes without it. */
  assets?: AssetStore
}

/** The plain HTTP side of the server: health, the board API, and the built client. */
export function createHttpHandler(options: HttpRoutesOptions) {
  const serveStatic = createStaticFiles(options.staticDir)

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname
    const method = req.method ?? 'GET'

    if (pathname === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { error: 'Use GET /healthz.' })
      return sendJson(res, 200, { ok: true })
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      if (options.assets && (await handleAssetRoute(req, res, pathname, { store: options.assets, log: options.log }))) return
      if (pathname === '/api/boards') {
        if (method !== 'POST') return sendJson(res, 405, { error: 'Use POST /api/boards to create a board.' })
        req.resume() // the body carries nothing yet; drain it
        const id = generateBoardId()
        await options.persistence.createBoard(id)
        options.log.log('info', 'board created', { board: boardTag(id) })
        return sendJson(res, 201, { id })
      }
      return sendJson(res, 404, { error: `No API route ${method} ${pathname}.` })
    }
    if (pathname === '/ws' || pathname.startsWith('/ws/')) {
      return sendText(res, 426, 'This is the websocket endpoint ws://<host>/ws/<boardId>; connect with a websocket client.')
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return sendText(res, 405, `${method} is not allowed here; the client is served with GET.`)
    }
    await serveStatic(req, res, pathname)
  }

  return function handleRequest(req: IncomingMessage, res: ServerResponse): void {
    route(req, res).catch((error: unknown) => {
      options.log.log('error', 'http request failed', { method: req.method, ...errorFields(error) })
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal server error; see the server log.' })
      else res.destroy()
    })
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.statusCode = status
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.end(text)
}
